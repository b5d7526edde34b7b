using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Recovery;

/// <summary>Makes a mailed link's token as its mail goes out; a new token replaces the one of an earlier attempt.</summary>
internal sealed class IssueMailLinkTokenHandler(IdentityDbContext db, TimeProvider clock) : IRequestHandler<IssueMailLinkToken, string?>
{
    public async ValueTask<string?> Handle(IssueMailLinkToken request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = request.SubjectId;
        switch (request.Kind)
        {
            case IssueMailLinkToken.PasswordReset:
            {
                var reset = await db.PasswordResets.Where(r => r.Id == id && r.UsedAt == null && r.ExpiresAt > now
                    && db.Users.Any(u => u.Id == r.UserId && u.IsActive && u.RemovedAt == null))
                    .Select(r => new { r.UserId, r.CreatedAt }).FirstOrDefaultAsync(ct);
                if (reset is null) return null;
                var (token, hash) = New("tsr_");
                await db.PasswordResets.Where(r => r.Id == id).ExecuteUpdateAsync(r => r.SetProperty(x => x.TokenHash, hash), ct);
                // Only the newest mailed link resets: the ones asked for before it stop working (issue 27 L8), as Google's and
                // GitHub's do. Newer requests still queued keep theirs; each supersedes this one when it goes.
                await db.PasswordResets.Where(r => r.UserId == reset.UserId && r.CreatedAt < reset.CreatedAt && r.UsedAt == null)
                    .ExecuteUpdateAsync(r => r.SetProperty(x => x.UsedAt, now), ct);
                return token;
            }
            case IssueMailLinkToken.MemberInvitation:
            {
                var live = await db.MemberInvitations.AnyAsync(i => i.Id == id && i.AcceptedAt == null && i.CanceledAt == null && i.ExpiresAt > now, ct);
                if (!live) return null;
                var (token, hash) = New("tsj_");
                await db.MemberInvitations.Where(i => i.Id == id).ExecuteUpdateAsync(i => i.SetProperty(x => x.TokenHash, hash), ct);
                return token;
            }
            default:
                return null;
        }
    }

    private static (string Token, byte[] Hash) New(string prefix)
    {
        var token = prefix + Tokens.New();
        return (token, Tokens.Hash(token));
    }
}
