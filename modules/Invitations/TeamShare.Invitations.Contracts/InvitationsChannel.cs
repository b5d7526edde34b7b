namespace TeamShare.Invitations.Contracts;

/// <summary>The channel key under which e-mail invitations register (CH-1) and which policy switches (AD-10).</summary>
public static class InvitationsChannel
{
    public const string Name = "email";
}
