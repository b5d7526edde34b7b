using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Links.Opening;

/// <summary>What a recipient is told when a link cannot show anything: plain words, no item names (LK-7).</summary>
internal static class RefusalText
{
    public sealed record Text(int Status, string Reason, string Title, string Detail);

    public static Text For(LinkRefusal refusal) => refusal switch
    {
        LinkRefusal.Canceled => new(410, "canceled", "Link canceled", "This link was canceled by the person who shared it."),
        LinkRefusal.Expired => new(410, "expired", "Link expired", "This link has expired. Ask the person who shared it for a new one."),
        LinkRefusal.LimitReached => new(410, "preview_limit_reached", "Preview limit reached",
            "This link has been opened as many times as its owner allowed. Ask them for a new one."),
        LinkRefusal.Deleted => new(410, "deleted", "No longer available",
            "What this link shared was deleted or is no longer shared. Ask the person who shared it."),
        LinkRefusal.SignInRequired => new(401, "sign_in_required", "Sign-in required",
            "This link is only for members of the team. Sign in to open it."),
        LinkRefusal.BlockedByPolicy => new(403, "blocked_by_policy", "Not allowed by the team's policy",
            "The team that shared this link does not allow opening it from outside the team."),
        LinkRefusal.Restricted => new(403, "restricted", "Only for people with access",
            "This link opens only for people who already have access to what it shares. Sign in, or ask the person who shared it for access."),
        LinkRefusal.PasswordRequired => new(401, "password_required", "Password required",
            "This link is protected by a password. Enter the password the sender gave you."),
        LinkRefusal.QrExpired => new(410, "qr_expired", "This QR code has expired",
            "QR codes work for 7 days. Ask the person who shared it for the link or a new QR code."),
        _ => new(404, "not_found", "Link not found", "This link does not exist. Check that you copied all of it."),
    };

    public static ProblemHttpResult Problem(LinkRefusal refusal)
    {
        var text = For(refusal);
        return Problems.Status(text.Status, text.Title, text.Detail, text.Reason);
    }
}
