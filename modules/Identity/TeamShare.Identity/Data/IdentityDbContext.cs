using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Identity.Data;

/// <remarks>Not sealed: <see cref="IdentityPostgresDbContext"/> is the same model with PostgreSQL's own migrations.</remarks>
internal class IdentityDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Module = "identity";

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DepartmentMember> DepartmentMembers => Set<DepartmentMember>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<Passkey> Passkeys => Set<Passkey>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<MemberInvitation> MemberInvitations => Set<MemberInvitation>();
    public DbSet<TeamSingleSignOn> SingleSignOn => Set<TeamSingleSignOn>();
    public DbSet<TeamEmailDomain> EmailDomains => Set<TeamEmailDomain>();
    public DbSet<TeamDirectory> Directories => Set<TeamDirectory>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Activity an admin's act writes with it (a reset second factor), published to the team's activity log after commit.
        b.ConfigurePendingNotifications(Module);
        b.Entity<Team>(e =>
        {
            e.ToTable("identity_teams");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.DefaultLocale).HasMaxLength(10);
            e.Property(x => x.RequireTwoFactor).HasMaxLength(16);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<User>(e =>
        {
            e.ToTable("identity_users");
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.NormalizedEmail).HasMaxLength(320);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.Locale).HasMaxLength(10);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.Property(x => x.TotpSecret).HasMaxLength(1000);
            e.Property(x => x.Role).HasMaxLength(16);
            e.HasIndex(x => x.NormalizedEmail).IsUnique();
            e.HasIndex(x => new { x.TeamId, x.DisplayName });
        });
        b.Entity<Department>(e =>
        {
            e.ToTable("identity_departments");
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => new { x.TeamId, x.Name }).IsUnique();
            e.Property(x => x.DirectoryGroup).HasMaxLength(200);
            e.HasIndex(x => new { x.TeamId, x.DirectoryGroup }).IsUnique().HasFilter("\"DirectoryGroup\" IS NOT NULL");
        });
        b.Entity<TeamSingleSignOn>(e =>
        {
            e.ToTable("identity_single_sign_on");
            e.HasKey(x => x.TeamId);
            e.Property(x => x.Issuer).HasMaxLength(500);
            e.Property(x => x.ClientId).HasMaxLength(500);
            e.Property(x => x.ProtectedClientSecret).HasMaxLength(4000);
            e.Property(x => x.GroupsClaim).HasMaxLength(100);
        });
        b.Entity<TeamDirectory>(e =>
        {
            e.ToTable("identity_directories");
            e.HasKey(x => x.TeamId);
            e.Property(x => x.Url).HasMaxLength(500);
            e.Property(x => x.BindDn).HasMaxLength(500);
            e.Property(x => x.ProtectedBindPassword).HasMaxLength(4000);
            e.Property(x => x.BaseDn).HasMaxLength(500);
            e.Property(x => x.UserFilter).HasMaxLength(1000);
            e.Property(x => x.GroupFilter).HasMaxLength(1000);
            e.Property(x => x.EmailAttribute).HasMaxLength(100);
            e.Property(x => x.NameAttribute).HasMaxLength(100);
            e.Property(x => x.MemberAttribute).HasMaxLength(100);
            e.Property(x => x.LastSyncResult).HasMaxLength(1000);
        });
        b.Entity<TeamEmailDomain>(e =>
        {
            e.ToTable("identity_email_domains");
            e.HasKey(x => new { x.TeamId, x.Domain });
            e.Property(x => x.Domain).HasMaxLength(200);
            e.Property(x => x.Token).HasMaxLength(64);
            // A proven domain belongs to one team; an unproven claim blocks nobody.
            e.HasIndex(x => x.Domain).IsUnique().HasFilter("\"VerifiedAt\" IS NOT NULL");
        });
        b.Entity<DepartmentMember>(e =>
        {
            e.ToTable("identity_department_members");
            e.HasKey(x => new { x.UserId, x.DepartmentId });
            e.HasIndex(x => x.DepartmentId);
        });
        b.Entity<AccessToken>(e =>
        {
            e.ToTable("identity_access_tokens");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Scopes).HasMaxLength(32);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.UserId);
        });
        b.Entity<RecoveryCode>(e =>
        {
            e.ToTable("identity_recovery_codes");
            e.Property(x => x.CodeHash).HasMaxLength(32);
            e.HasIndex(x => new { x.UserId, x.CodeHash });
        });
        b.Entity<Passkey>(e =>
        {
            e.ToTable("identity_passkeys");
            // WebAuthn allows credential ids up to 1023 bytes; authenticators use 16 to 64.
            e.Property(x => x.CredentialId).HasMaxLength(1023);
            e.Property(x => x.PublicKey).HasMaxLength(2048);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.CredentialId).IsUnique();
            e.HasIndex(x => x.UserId);
        });
        b.Entity<SignInFailure>(e =>
        {
            e.ToTable("identity_signin_failures");
            e.HasIndex(x => new { x.NormalizedEmail, x.ClientAddress, x.At });
            // Issue 29: failures from one address for any account (the address-wide limit).
            e.HasIndex(x => new { x.ClientAddress, x.At });
        });
        b.Entity<Session>(e =>
        {
            e.ToTable("identity_sessions");
            e.HasIndex(x => x.UserId);
        });
        b.Entity<PasswordReset>(e =>
        {
            e.ToTable("identity_password_resets");
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
        });
        b.Entity<MemberInvitation>(e =>
        {
            e.ToTable("identity_member_invitations");
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.NormalizedEmail).HasMaxLength(320);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(16);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.TeamId, x.NormalizedEmail });
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class IdentityDbContextFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<IdentityDbContext>(IdentityDbContext.Module));
}
