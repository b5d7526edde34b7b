using System.Diagnostics;

namespace TeamShare.IntegrationTests;

/// <summary>
/// A real LDAP server (Debian's slapd) in a temporary directory on a port of its own, loaded with a small tree: dc=acme,dc=test
/// with ou=people and ou=groups. <see cref="Modify"/> changes it with ldapmodify, as a directory admin would.
/// </summary>
public sealed class LdapServer : IDisposable
{
    public const string BaseDn = "dc=acme,dc=test", AdminDn = "cn=admin,dc=acme,dc=test", AdminPassword = "directory-secret";
    private readonly string _directory = Directory.CreateTempSubdirectory("teamshare-ldap").FullName;
    private readonly Process _process;
    public int Port { get; } = SmtpServer.FreePort();
    public string Url => $"ldap://127.0.0.1:{Port}";

    /// <param name="tree">LDIF entries below ou=people and ou=groups.</param>
    public LdapServer(string tree)
    {
        var config = Path.Combine(_directory, "slapd.conf");
        Directory.CreateDirectory(Path.Combine(_directory, "db"));
        File.WriteAllText(config, $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile {_directory}/slapd.pid
            database mdb
            maxsize 10485760
            suffix "{BaseDn}"
            rootdn "{AdminDn}"
            rootpw {AdminPassword}
            directory {_directory}/db
            """);
        var ldif = Path.Combine(_directory, "tree.ldif");
        File.WriteAllText(ldif, $"""
            dn: {BaseDn}
            objectClass: dcObject
            objectClass: organization
            o: Acme
            dc: acme

            dn: ou=people,{BaseDn}
            objectClass: organizationalUnit
            ou: people

            dn: ou=groups,{BaseDn}
            objectClass: organizationalUnit
            ou: groups

            {tree}
            """);
        Run("/usr/sbin/slapadd", ["-f", config, "-l", ldif]);
        // -d 0: in the foreground (so it stops with the test), logging nothing.
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/slapd", ["-f", config, "-h", $"ldap://127.0.0.1:{Port}/", "-d", "0"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        SmtpServer.WaitUntilListening(Port, _process, "slapd");
    }

    /// <summary>Applies an LDIF of changes (changetype: add, modify, delete) as the directory's admin.</summary>
    public void Modify(string ldif) => Run("/usr/bin/ldapmodify", ["-x", "-H", Url, "-D", AdminDn, "-w", AdminPassword], ldif);

    private static void Run(string program, string[] arguments, string? input = null)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
            { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {error.Result}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) { _process.Kill(); _process.WaitForExit(5000); }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
