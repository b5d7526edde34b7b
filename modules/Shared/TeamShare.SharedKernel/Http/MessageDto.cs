namespace TeamShare.SharedKernel.Http;

/// <summary>An answer that is one sentence for the person ({"message": …}), such as "a mail is on its way".</summary>
public sealed record MessageDto(string Message);
