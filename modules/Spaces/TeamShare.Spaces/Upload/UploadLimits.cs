using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Blobs;

namespace TeamShare.Spaces.Upload;

/// <summary>SP-2: the configured size limit, for every route that takes file bodies.</summary>
internal static class UploadLimits
{

    /// <summary>Kestrel's default 30 MB body limit would cut uploads short; our own limit is enforced while streaming.</summary>
    public static void Lift(HttpRequest request, long limit) => RequestBodyLimit.Lift(request, limit);

    public static bool ExceedsDeclared(HttpRequest request, long limit) => request.ContentLength > limit + MultipartFile.Slack;

    public static Refusal TooLarge(long limit) => Intake.TooLarge(limit).Refusal!.ToOutcome<object>().AsRefusal();
}
