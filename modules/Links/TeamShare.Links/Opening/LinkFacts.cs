using TeamShare.Identity.Contracts;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Caching;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Opening;

/// <summary>
/// What a link open reads that does not depend on who opens it (issue 24): the link and its items, whether the team lets
/// people outside open links, the sharer's roles on the items (SP-8), the team's folder restrictions and the sender. Null
/// members were not needed (a canceled or expired link needs nothing more). Never changed once made: shared by requests.
/// </summary>
/// <param name="QrExpiresAt">For facts reached through a QR code: when that code stops opening the link.</param>
internal sealed record LinkFacts(Link Share, bool OutsideAllowed, IReadOnlyList<ItemAccess> SharerRoles, bool TeamWideRestrictions,
    LinkSender? Sender, DateTime? QrExpiresAt = null)
{
    /// <summary>When this entry stops opening by itself: the link's end, or its QR code's when that comes first.</summary>
    public DateTime? Ends => QrExpiresAt is { } code && !(Share.ExpiresAt <= code) ? code : Share.ExpiresAt;

    /// <summary>
    /// The gate's answer for a visitor who is not signed in depends on nothing of them (nor on a count): no password, no
    /// preview limit, open to people outside, neither team-only nor for invited people only, not canceled. Expiry aside
    /// (<see cref="Ends"/>), which the clock decides.
    /// </summary>
    public bool OpensAlikeForAnyone =>
        OutsideAllowed && Share is { CanceledAt: null, PasswordHash: null, PreviewLimit: null, TeamOnly: false, InvitedOnly: false };
}

/// <summary>
/// <see cref="LinkFacts"/> by token hash, per instance, kept by the change feed (<see cref="ChangeFeedCache{TKey, TValue}"/>):
/// served only while no change to the link's team has been heard since (cancel, modify, a policy switch, a role, a move,
/// the trash: any commit writing a watched row of the team).
/// </summary>
internal sealed class LinkFactsCache(ChangeFeed feed)
{
    private readonly ChangeFeedCache<byte[], LinkFacts> _byTokenHash = new(feed, f => f.Share.TeamId, TokenHashComparer.Instance);

    public long Sequence => _byTokenHash.Sequence;

    /// <summary>
    /// What an entry's facts are kept under: its token's hash, or for a QR code the code's id (a QR code names its link by a
    /// row of its own, with its own expiry); null for an entry that can name no link (no token has that length, or a QR
    /// code that does not open).
    /// </summary>
    public static byte[]? KeyOf(LinkEntry entry, QrCodeSeal qr) =>
        entry.Token.Length is < 20 or > 400 ? null
        : !entry.IsQr ? Tokens.Hash(entry.Token)
        : qr.Open(entry.Token) is { } qrId ? [.. "qr:"u8, .. qrId.ToByteArray()] : null;

    public LinkFacts? Find(byte[] tokenHash) => _byTokenHash.Find(tokenHash);

    /// <summary>Keeps what was read since <paramref name="sequenceBefore"/>, unless a change was heard meanwhile.</summary>
    public void Keep(byte[] tokenHash, LinkFacts facts, long sequenceBefore) => _byTokenHash.Keep(tokenHash, facts, sequenceBefore);

    private sealed class TokenHashComparer : IEqualityComparer<byte[]>
    {
        public static readonly TokenHashComparer Instance = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        // A SHA-256 or a QR code's random id: their last bytes are as good a hash code as any.
        public int GetHashCode(byte[] key) => BitConverter.ToInt32(key, key.Length - 4);
    }
}
