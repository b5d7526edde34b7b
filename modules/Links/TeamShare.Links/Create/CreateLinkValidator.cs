using TeamShare.SharedKernel.Validation;
using TeamShare.SharedKernel.Http;
namespace TeamShare.Links.Create;

/// <summary>Field-level checks of a share's options (LK-2); every failure names its field.</summary>
internal static class CreateLinkValidator
{
    public const int MaxItems = 100;

    public static Dictionary<string, string[]> Validate(CreateLinkBody r, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.ItemIds is null || r.ItemIds.Count == 0) errors["itemIds"] = ["Choose at least one item to share."];
        else if (r.ItemIds.Count > MaxItems) errors["itemIds"] = [$"A share can hold at most {MaxItems} items."];
        else if (r.ItemIds.Distinct().Count() != r.ItemIds.Count) errors["itemIds"] = ["An item is listed twice."];
        ValidateOptions(r, now, errors);
        return errors;
    }

    /// <summary>The checks creation and modification share.</summary>
    public static void ValidateOptions(CreateLinkBody r, DateTime now, Dictionary<string, string[]> errors)
    {
        if (r.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 255)) errors["name"] = ["Use 1 to 255 characters."];
        if (r.PreviewLimit is < 1 or > 9999) errors["previewLimit"] = ["Enter a whole number from 1 to 9999."];
        if (r.ExpiresAt is { } expires && expires.ToUniversalTime() <= now) errors["expiresAt"] = ["Choose a time in the future, or leave it empty for a permanent link."];
        if (r.Remarks is { Length: > 2000 }) errors["remarks"] = ["Use at most 2000 characters."];
        if (r.Password is { } password && !IsValidPassword(password)) errors["password"] = ["Use 6 to 8 letters and digits (case-sensitive)."];
        if (r.Audience is { } audience && !Audiences.All.Contains(audience))
            errors["audience"] = [$"Choose one of: {string.Join(", ", Audiences.All)}."];
        else if (r.Audience is not null && r.TeamOnly is { } teamOnly && teamOnly != (r.Audience != Audiences.Anyone))
            errors["teamOnly"] = ["This contradicts the audience; send one of the two."];
        if (r.AllowPreview == false && r.AllowUpload != true)
            errors["allowPreview"] = ["Without preview the link shows nothing; allow preview, or allow upload to make a drop box."];
    }

    public static bool IsValidPassword(string password) => password.Length is >= 6 and <= 8 && password.All(char.IsAsciiLetterOrDigit);
}

/// <summary>The checks of a new link, whoever asks for it (the API, the share dialog's page, another module).</summary>
internal sealed class CreateLinkRequestValidator(TimeProvider clock) : IValidator<CreateLink>
{
    public IReadOnlyDictionary<string, string[]> Validate(CreateLink request) => CreateLinkValidator.Validate(request.Body, clock.GetUtcNow().UtcDateTime);
}
