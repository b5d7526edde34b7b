using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace TeamShare.SharedKernel.Security;

/// <summary>Bearer secrets (links, personal access tokens): random, shown once, stored only as SHA-256.</summary>
public static class Tokens
{
    /// <summary>32 bytes = 256 bits from the OS CSPRNG, base64url without padding.</summary>
    public static string New(int bytes = 32) => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
