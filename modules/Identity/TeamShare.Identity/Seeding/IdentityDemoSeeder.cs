using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Security;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Identity.Seeding;

/// <summary>The demo teams of api.md. Every account's password is demo-Password1.</summary>
internal sealed class IdentityDemoSeeder(IdentityDbContext db, PasswordHashing hashing, TimeProvider clock) : IDemoSeeder
{
    public const string DemoPassword = "demo-Password1";
    public int Order => 0;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Teams.AnyAsync(t => t.Name == "Acme", ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var acme = new Team { Id = Guid.CreateVersion7(), Name = "Acme", CreatedAt = now };
        var globex = new Team { Id = Guid.CreateVersion7(), Name = "Globex", CreatedAt = now };
        db.Teams.AddRange(acme, globex);

        var engineering = new Department { Id = Guid.CreateVersion7(), TeamId = acme.Id, Name = "Engineering" };
        var sales = new Department { Id = Guid.CreateVersion7(), TeamId = acme.Id, Name = "Sales" };
        db.Departments.AddRange(engineering, sales);

        (Team team, string email, string name, string role, Department? dept)[] people =
        [
            (acme, "olivia@acme.test", "Olivia Owner", TeamRoles.Owner, null),
            (acme, "adam@acme.test", "Adam Admin", TeamRoles.Admin, null),
            (acme, "mia@acme.test", "Mia Member", TeamRoles.Member, engineering),
            (acme, "mark@acme.test", "Mark Member", TeamRoles.Member, engineering),
            (acme, "eve@acme.test", "Eve Sales", TeamRoles.Member, sales),
            (globex, "gary@globex.test", "Gary Globex", TeamRoles.Owner, null),
        ];
        // The demo accounts share one published password, so one hash (and its salt) serves them all: six slow hashes were a
        // second of CPU at every first start (and at each of the test suite's ~40 host starts, issue 26.5).
        var hash = hashing.Hash(DemoPassword);
        foreach (var p in people)
        {
            var user = new User
            {
                Id = Guid.CreateVersion7(), TeamId = p.team.Id, Email = p.email, NormalizedEmail = Principals.Normalize(p.email),
                DisplayName = p.name, PasswordHash = hash, Role = p.role, CreatedAt = now,
            };
            db.Users.Add(user);
            if (p.dept is not null) db.DepartmentMembers.Add(new DepartmentMember { DepartmentId = p.dept.Id, UserId = user.Id });
        }
        await db.SaveChangesAsync(ct);
    }
}
