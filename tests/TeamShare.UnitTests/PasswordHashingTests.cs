using System.Buffers.Binary;
using TeamShare.SharedKernel.Security;

namespace TeamShare.UnitTests;

/// <summary>ADR 0019: the server hashes passwords with PBKDF2-HMAC-SHA512 at 210 000 rounds (the in-process test hosts use fewer).</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public void ID8_the_server_hashes_passwords_with_pbkdf2_sha512_at_210000_rounds()
    {
        var hashing = new PasswordHashing();
        var stored = Convert.FromBase64String(hashing.Hash("correct horse battery staple"));
        Assert.Equal(0x01, stored[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(1)));
        Assert.Equal((uint)PasswordHashing.Iterations, BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(5)));
        Assert.Equal(210_000, PasswordHashing.Iterations);
        Assert.True(hashing.Verify(hashing.Hash("s3cret"), "s3cret"));
        Assert.False(hashing.Verify(hashing.Hash("s3cret"), "s3cret!"));
    }

    [Fact]
    public void ID8_a_hash_made_with_fewer_rounds_still_verifies_by_the_rounds_it_carries()
    {
        var fast = new PasswordHashing(iterations: 1_000).Hash("s3cret");
        Assert.Equal(1_000u, BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(fast).AsSpan(5)));
        Assert.True(new PasswordHashing().Verify(fast, "s3cret"));
    }
}
