using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Opening;

/// <summary>Why Spaces refused a file a link brought (page upload, edit, or WebDAV PUT), as the recipient is told.</summary>
internal static class FileWriteProblems
{
    public static ProblemHttpResult Of(FileWriteResult result, string field = MultipartFile.Field) => result.Problem switch
    {
        "name" => Problems.Invalid(field, result.Message!),
        "too_large" => Problems.Status(413, "File too large", result.Message!, "too_large"),
        "quota_exceeded" => Problems.Status(507, "Storage quota reached", result.Message!, "quota_exceeded"),
        "conflict" => Problems.Status(409, "Changed meanwhile", result.Message!, "conflict"),
        _ => Problems.NotFound(),
    };
}
