using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Modules;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Seeding;

/// <summary>Acme's team space "Acme Shared", editable by Engineering, with a few folders and files.</summary>
internal sealed class SpacesDemoSeeder(SpacesDbContext db, IMediator mediator, ContentIntake intake, ItemWriter writer, TimeProvider clock)
    : IDemoSeeder
{
    public int Order => 10;

    public async Task SeedAsync(CancellationToken ct)
    {
        var olivia = await mediator.Send(new FindUserByEmail("olivia@acme.test"), ct);
        if (olivia is null || await db.Spaces.AnyAsync(s => s.TeamId == olivia.TeamId && s.Name == "Acme Shared", ct)) return;
        var engineering = await mediator.Send(new FindDepartmentByName(olivia.TeamId, "Engineering"), ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var space = PersonalSpaces.NewSpace(olivia.TeamId, SpaceKinds.Team, "Acme Shared", null, Guid.Empty, now, out var root);
        db.Spaces.Add(space);
        db.Items.Add(root);
        if (engineering is { } dept)
            db.Grants.Add(new Grant
            {
                Id = Guid.CreateVersion7(), TeamId = olivia.TeamId, ItemId = root.Id, PrincipalKind = PrincipalKinds.Department,
                PrincipalId = dept, Role = AccessRole.Editor, CreatedBy = olivia.Id, CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);

        var handbook = await writer.AddAsync(root, "Handbook", ItemKinds.Folder, olivia.Id, ct: ct);
        var projects = await writer.AddAsync(root, "Projects", ItemKinds.Folder, olivia.Id, ct: ct);
        await AddTextAsync(root, "Welcome.md", "# Welcome to Acme Shared\n\nEngineering can edit everything here.\n", olivia.Id, ct);
        await AddTextAsync(handbook, "Holidays.txt", "Office closed 24-26 December.\n", olivia.Id, ct);
        await AddTextAsync(projects, "Roadmap.md", "# Roadmap\n\n- Q1: sharing\n- Q2: more sharing\n", olivia.Id, ct);
    }

    private async Task AddTextAsync(Item folder, string name, string text, Guid owner, CancellationToken ct)
    {
        var blob = (await intake.StoreAsync(folder.TeamId, new MemoryStream(Encoding.UTF8.GetBytes(text)), long.MaxValue, ct)).Blob!;
        await writer.AddAsync(folder, name, ItemKinds.File, owner, i =>
        {
            i.Size = blob.Size;
            i.ContentSha256 = blob.Sha256;
            i.ContentType = name.EndsWith(".md") ? "text/markdown" : "text/plain";
        }, ct);
    }
}
