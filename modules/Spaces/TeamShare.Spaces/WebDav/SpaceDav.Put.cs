using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Upload;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    /// <summary>
    /// PUT, streamed to the blob store: onto an existing file it is a new version (SP-5, 204), otherwise a new file under
    /// exactly the name asked for (201). If-Match and If-None-Match: * protect against overwriting someone else's save.
    /// </summary>
    private async Task PutAsync(Call c)
    {
        var (node, request) = (c.Node, c.Request);
        if (request.Headers.ContentRange.Count > 0)
        {
            await Answer(c.Http, Problems.Field("Content-Range", "Partial PUT is not supported; send the whole file."));
            return;
        }
        if (node.Item is { Kind: ItemKinds.Folder })
        {
            await Answer(c.Http, Problems.Status(405, "Method not allowed", "This is a folder; PUT a file inside it.", "is_folder"));
            return;
        }
        if (node.Item is null && node.Parent is null)
        {
            await NoParent(c.Http);
            return;
        }
        if (node.Role < AccessRole.Editor)
        {
            await ReadOnly(c.Http);
            return;
        }
        if (node.Item is null && ItemNames.Problem(node.Name) is { } problem)
        {
            await Answer(c.Http, Problems.Field("name", problem));
            return;
        }
        var ifMatch = request.Headers.IfMatch.ToString();
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if ((ifMatch.Length > 0 && (node.Item is null || (ifMatch != "*" && !ifMatch.Split(',').Select(t => t.Trim()).Contains(ETagOf(node.Item)))))
            || (ifNoneMatch == "*" && node.Item is not null))
        {
            await Answer(c.Http, Problems.Status(412, "Precondition failed", "The file changed since you read it.", "etag_mismatch"));
            return;
        }
        if (!await locks.PermitsAsync(node.Item ?? node.Parent!, subtree: false, c.UserId, c.Tokens, c.Ct))
        {
            await Locked(c.Http);
            return;
        }
        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit)
        {
            await Answer(c.Http, UploadLimits.TooLarge(limit));
            return;
        }
        UploadLimits.Lift(request, limit);
        var taken = await intake.StoreAsync(c.TeamId, request.Body, limit, c.Ct);
        if (taken.Blob is not { } blob)
        {
            await Answer(c.Http, taken.Refusal!.ToOutcome<object>().ToHttp(_ => TypedResults.Ok()));
            return;
        }
        var type = ContentTypes.Of(node.Name);
        if (node.Item is { } existing)
        {
            if (!await versioning.ReplaceAsync(existing.Id, blob, type, c.UserId, c.Ct))
                await Answer(c.Http, Problems.Status(409, "Changed meanwhile", "Someone saved this file at the same moment.", "conflict"));
            else
            {
                c.Http.Response.Headers.ETag = $"\"{blob.Sha256[..32]}\"";
                await Status(c.Http, StatusCodes.Status204NoContent);
            }
            return;
        }
        var created = await writer.AddExactAsync(node.Parent!, node.Name, ItemKinds.File, c.UserId, i =>
        {
            i.Size = blob.Size;
            i.ContentSha256 = blob.Sha256;
            i.ContentType = type;
        }, c.Ct);
        if (created is null)
        {
            await Answer(c.Http, Problems.Status(409, "Changed meanwhile", "Something took this name at the same moment.", "conflict"));
            return;
        }
        c.Http.Response.Headers.ETag = $"\"{blob.Sha256[..32]}\"";
        await Status(c.Http, StatusCodes.Status201Created);
    }
}
