namespace TeamShare.Webhooks.Contracts;

/// <summary>The chat-webhook sharing channel (CH-2): its key for the channel registry and the policy switch (AD-10).</summary>
public static class WebhookChannel
{
    public const string Name = "webhook";
}
