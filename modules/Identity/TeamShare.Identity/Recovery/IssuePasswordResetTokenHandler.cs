using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Recovery;

/// <summary>Makes the reset's token as its mail goes out; a new token replaces the one of an earlier attempt.</summary>
internal sealed class IssuePasswordResetTokenHandler(IdentityDbContext db, TimeProvider clock) : IRequestHandler<IssuePasswordResetToken, string?>
{
    public async ValueTask<string?> Handle(IssuePasswordResetToken request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var live = await db.PasswordResets.AnyAsync(r => r.Id == request.ResetId && r.UsedAt == null && r.ExpiresAt > now
            && db.Users.Any(u => u.Id == r.UserId && u.IsActive && u.RemovedAt == null), ct);
        if (!live) return null;
        var token = "tsr_" + Tokens.New();
        var hash = Tokens.Hash(token);
        await db.PasswordResets.Where(r => r.Id == request.ResetId).ExecuteUpdateAsync(r => r.SetProperty(x => x.TokenHash, hash), ct);
        return token;
    }
}
