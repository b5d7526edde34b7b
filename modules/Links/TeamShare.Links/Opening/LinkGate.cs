using System.Security.Claims;
using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Links.Data;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Opening;

internal enum LinkRefusal
{
    None, NotFound, Canceled, Expired, LimitReached, Deleted, SignInRequired, BlockedByPolicy, Restricted, PasswordRequired, QrExpired,
}

/// <param name="SharedBy">The sharer's display name, shown to recipients (issue 12).</param>
internal sealed record OpenedLink(Link Link, LinkEntry Entry, IReadOnlyList<ItemSummary> Items, string TeamName, bool VisitorIsMember,
    string SharedBy = "")
{
    public IReadOnlyList<Guid> RootIds => Items.Select(i => i.Id).ToList();
}

/// <summary>
/// Every way into a link passes here (LK-7): the entry token, cancel, expiry at this instant, its audience (AD-4), the team's policy
/// (AD-1, AD-3, AD-8), the password's unlock cookie, and the sharer's own access through SP-8, so a link never outlives the
/// right to share. Refusals say why without naming anything the link does not show.
/// </summary>
internal sealed class LinkGate(LinksDbContext db, IMediator mediator, QrCodeSeal qr, UnlockCookies unlock, LinkFactsCache cache,
    CountedOpens counted, TimeProvider clock)
{
    /// <summary>The link an entry names, as its facts, and whether they were read by this request (not from the cache).</summary>
    private async Task<(LinkFacts? Facts, bool Read)> FactsAsync(LinkEntry entry, CancellationToken ct)
    {
        if (LinkFactsCache.KeyOf(entry, qr) is not { } key) return (null, false);
        if (cache.Find(key) is { } kept) return (kept, false);
        var sequence = cache.Sequence;
        LinkFacts facts;
        if (entry.IsQr)
        {
            // A poster's burst is as cacheable as a chat's: the code's row (its link and expiry) is kept with the link's facts.
            var qrId = qr.Open(entry.Token)!.Value;
            var code = await db.QrCodes.AsNoTracking().Where(q => q.Id == qrId).Select(q => new { q.ShareId, q.ExpiresAt }).FirstOrDefaultAsync(ct);
            var byQr = code is null ? null : await db.Links.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == code.ShareId, ct);
            if (byQr is null) return (null, true);
            facts = await ReadFactsAsync(byQr, ct) with { QrExpiresAt = code!.ExpiresAt };
        }
        else
        {
            var share = await db.Links.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.TokenHash == key, ct);
            if (share is null || !CryptographicOperations.FixedTimeEquals(share.TokenHash, key)) return (null, true);
            facts = await ReadFactsAsync(share, ct);
        }
        cache.Keep(key, facts, sequence);
        return (facts, true);
    }

    private async Task<LinkFacts> ReadFactsAsync(Link share, CancellationToken ct)
    {
        if (share.CanceledAt is not null || share.ExpiresAt <= clock.GetUtcNow().UtcDateTime) return new LinkFacts(share, false, [], false, null);
        var outside = await mediator.Send(new CheckOutsideLinkAccess(share.TeamId), ct);
        // The sharer's right to share is judged by SP-8 for all the items at once.
        var roles = await mediator.Send(new GetItemsAccess(share.OwnerUserId, share.TeamId,
            share.Items.OrderBy(i => i.Position).Select(i => i.ItemId).ToList()), ct);
        var teamWide = roles.Any(r => r.Item.Kind == "folder")
                       && (await mediator.Send(new GetLinkPolicy(share.TeamId), ct)).LinkRestrictionsTeamWide;
        var sender = await mediator.Send(new GetLinkSender(share.TeamId, share.OwnerUserId), ct);
        return new LinkFacts(share, outside.Allowed, roles, teamWide, sender);
    }

    /// <param name="alreadyCounted">For a request that may continue an open already counted (a page of a document whose
    /// preview was counted), or that counts itself right after (then the count's own statement decides): asked with the
    /// link's id, true lets it past a reached limit, since the limit bounds how many people open, not how many pages they turn.</param>
    public Task<(OpenedLink? Link, LinkRefusal Refusal)> OpenAsync(LinkEntry entry, HttpContext http, CancellationToken ct,
        bool checkPassword = true, Func<Guid, bool>? alreadyCounted = null) =>
        OpenAsync(entry, LinkVisitor.Of(http), ct, checkPassword, alreadyCounted);

    public async Task<(OpenedLink? Link, LinkRefusal Refusal)> OpenAsync(LinkEntry entry, LinkVisitor at, CancellationToken ct,
        bool checkPassword = true, Func<Guid, bool>? alreadyCounted = null)
    {
        var (facts, read) = await FactsAsync(entry, ct);
        if (facts is null) return (null, LinkRefusal.NotFound);
        var share = facts.Share;
        var now = clock.GetUtcNow().UtcDateTime;
        if (entry.IsQr && facts.QrExpiresAt <= now) return (null, LinkRefusal.QrExpired);
        if (share.CanceledAt is not null) return (null, LinkRefusal.Canceled);
        if (share.ExpiresAt <= now) return (null, LinkRefusal.Expired);

        var visitor = at.User;
        var member = visitor.Identity?.IsAuthenticated == true && visitor.GetTeamId() == share.TeamId;
        if (share.TeamOnly && !member) return (null, LinkRefusal.SignInRequired);
        if (!member && !facts.OutsideAllowed) return (null, LinkRefusal.BlockedByPolicy);
        // The count is the one thing a cached link cannot know: read it unless this request just did.
        if (share.PreviewLimit is { } limit && alreadyCounted?.Invoke(share.Id) != true
            && (read ? share.PreviewCount : await PreviewCountAsync(share.Id, ct)) >= limit)
            return (null, LinkRefusal.LimitReached);

        var visible = facts.SharerRoles.Where(a => a is { Role: >= AccessRole.Editor, Item.InTrash: false }).Select(a => a.Item).ToList();
        if (visible.Count == 0) return (null, LinkRefusal.Deleted);
        if (share.InvitedOnly)
        {
            // AD-4 "only invited people": the link opens, for each item, only for members who already have access to it (SP-8).
            var mine = (await mediator.Send(new GetItemsAccess(visitor.GetUserId(), share.TeamId, visible.Select(i => i.Id).ToList()), ct))
                .Where(a => a.Role > AccessRole.None).Select(a => a.Item.Id).ToHashSet();
            visible = visible.Where(i => mine.Contains(i.Id)).ToList();
            if (visible.Count == 0) return (null, LinkRefusal.Restricted);
        }
        if (visible.Any(i => i.Kind == "folder"))
        {
            // AD-8: team-wide, or per folder by its owner, a restricted folder opens only for people who already have access.
            visible = await OnlyFoldersTheVisitorMayOpenAsync(visible, visitor, member, share.TeamId, facts.TeamWideRestrictions, ct);
            if (visible.Count == 0) return (null, LinkRefusal.Restricted);
        }
        if (checkPassword && share.PasswordHash is not null
            && !unlock.IsValid(at.UnlockCookieFor(share.Id), share.Id, share.PasswordVersion))
            return (null, LinkRefusal.PasswordRequired);

        var sender = facts.Sender;
        return (new OpenedLink(share, entry, visible, sender?.TeamName ?? "", member, sender?.DisplayName ?? "a former member"), LinkRefusal.None);
    }

    private Task<int> PreviewCountAsync(Guid shareId, CancellationToken ct) =>
        db.Links.AsNoTracking().Where(s => s.Id == shareId).Select(s => s.PreviewCount).FirstOrDefaultAsync(ct);

    /// <summary>
    /// An item the link reaches (a root or inside one), or null: also null when a folder on the way down was restricted by its
    /// owner (AD-8) and the visitor has no access of their own to it, so a restricted folder is not reached through its parent.
    /// </summary>
    public async Task<ItemSummary?> ResolveAsync(OpenedLink link, Guid itemId, ClaimsPrincipal visitor, CancellationToken ct)
    {
        // A root the gate let through needs no second look (the common one-file link).
        if (link.Items.FirstOrDefault(i => i.Id == itemId) is { } root) return root;
        if (await mediator.Send(new ResolveSharedItem(link.Link.TeamId, link.RootIds, itemId), ct) is not { } found) return null;
        if (found.RestrictedOnPath.Count == 0) return found.Item;
        if (!link.VisitorIsMember) return null;
        var roles = await mediator.Send(new GetItemsAccess(visitor.GetUserId(), link.Link.TeamId, found.RestrictedOnPath), ct);
        return roles.Count == found.RestrictedOnPath.Count && roles.All(r => r.Role > AccessRole.None) ? found.Item : null;
    }

    /// <summary>A shared folder's children as the link shows them: restricted folders (AD-8) only to visitors with access.</summary>
    public async Task<IReadOnlyList<ItemSummary>> ChildrenAsync(OpenedLink link, Guid folderId, ClaimsPrincipal visitor, CancellationToken ct)
    {
        var children = await mediator.Send(new ListSharedChildren(link.Link.TeamId, folderId), ct);
        return await OnlyFoldersTheVisitorMayOpenAsync(children.ToList(), visitor, link.VisitorIsMember, link.Link.TeamId, teamWide: false, ct);
    }

    private async Task<List<ItemSummary>> OnlyFoldersTheVisitorMayOpenAsync(List<ItemSummary> items, ClaimsPrincipal visitor,
        bool member, Guid teamId, bool teamWide, CancellationToken ct)
    {
        var restricted = items.Where(i => i.Kind == "folder" && (teamWide || i.LinkRestricted)).Select(i => i.Id).ToList();
        if (restricted.Count == 0) return items;
        var allowed = member
            ? (await mediator.Send(new GetItemsAccess(visitor.GetUserId(), teamId, restricted), ct)).Where(a => a.Role > AccessRole.None).Select(a => a.Item.Id).ToHashSet()
            : [];
        return items.Where(i => !restricted.Contains(i.Id) || allowed.Contains(i.Id)).ToList();
    }

    /// <summary>LK-2: the limit check and the count are one UPDATE, so concurrent opens never pass the limit.</summary>
    public Task<bool> TryCountViewAsync(Guid shareId, bool download, CancellationToken ct) => counted.TryCountAsync(db, shareId, download, ct);
}
