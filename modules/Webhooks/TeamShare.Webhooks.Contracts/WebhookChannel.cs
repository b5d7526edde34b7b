namespace TeamShare.Webhooks.Contracts;

/// <summary>The chat-webhook sharing channel (CH-2): its key for the channel registry and the policy switch (AD-10).</summary>
public static class WebhookChannel
{
    public const string Name = "webhook";
}

/// <summary>
/// Issue 11: tell the team's chat what happened to a member's link, when the team has a chat address and the channel is on.
/// Idempotent by <paramref name="DedupKey"/>: asking twice posts once. Answers whether a post was queued.
/// </summary>
public sealed record PostNoticeToChat(Guid TeamId, Guid SharerId, string DedupKey, string Text, string Url) : Mediator.IRequest<bool>;
