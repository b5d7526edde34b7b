using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 27 L10: the data-protection keys (which sign cookies, seal QR codes and encrypt link tokens kept for their owners)
/// are encrypted at rest with a certificate, so a copy of the keys alone (a backup, a database dump) cannot forge or read
/// anything. <c>TeamShare:Keys:CertificatePath</c> names a PKCS#12 file (and <c>CertificatePassword</c> its password);
/// unset, it is <c>keys-protection.pfx</c> in the data directory, made on the first embedded start. <c>backup</c> never
/// copies it: it is kept apart, as GitLab keeps its secrets file apart from its backups (docs/operations.md).
/// </summary>
internal static class KeyProtection
{
    public const string DefaultFileName = "keys-protection.pfx";

    public static string PathOf(TeamShareOptions options) =>
        options.Keys.CertificatePath is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(options.FullDataDirectory, DefaultFileName);

    /// <summary>
    /// The certificate to protect keys with: the configured one; on SQLite the data directory's, made when missing; on
    /// PostgreSQL the data directory's only when it is there (a move from the embedded default brings it), since instances
    /// making their own would not read each other's keys. Null: keys are stored as they are (see the start-up warning).
    /// </summary>
    /// <param name="mayCreate">False for an operator command: a restore must not find a fresh certificate in place of the kept one.</param>
    public static X509Certificate2? Load(TeamShareOptions options, bool mayCreate)
    {
        var path = PathOf(options);
        if (!File.Exists(path))
        {
            if (!mayCreate || options.Keys.CertificatePath is { Length: > 0 } || options.Database.IsPostgres) return null;
            Create(path);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, options.Keys.CertificatePassword);
    }

    /// <summary>For the settings check: why the configured certificate cannot protect keys, or null.</summary>
    public static string? Problem(TeamShareOptions options)
    {
        if (options.Keys.CertificatePath is not { Length: > 0 } configured) return null;
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(configured), options.Keys.CertificatePassword);
            using var rsa = certificate.GetRSAPrivateKey();
            return rsa is null ? $"TeamShare:Keys:CertificatePath is \"{configured}\"; the certificate must hold an RSA private key." : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return $"TeamShare:Keys:CertificatePath is \"{configured}\"; it cannot be read as a PKCS#12 file with TeamShare:Keys:CertificatePassword: {e.Message}";
        }
    }

    private static void Create(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=TeamShare data-protection keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Readable by the service's user only, written whole before it takes its name.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var file = new FileStream(temporary, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew, Access = FileAccess.Write,
                   UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
               }))
            file.Write(certificate.Export(X509ContentType.Pfx));
        try { File.Move(temporary, path); }
        catch (IOException) { File.Delete(temporary); /* another start made it first; theirs is used */ }
    }
}
