using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.DirectorySync;

internal sealed record DirectoryPersonDto(string Email, string Name);

/// <param name="Members">The members' e-mail addresses after the sync.</param>
internal sealed record DirectoryDepartmentDto(string Name, IReadOnlyList<string> Members, bool New);

/// <summary>
/// What a sync does (a preview) or did. <paramref name="Add"/>: new members; <paramref name="Match"/>: members the directory
/// takes over, found by e-mail; <paramref name="Suspend"/>: members it brought in or matched who left it;
/// <paramref name="Reactivate"/>: members it had suspended who are back.
/// </summary>
internal sealed record DirectorySyncDto(IReadOnlyList<DirectoryPersonDto> Add, IReadOnlyList<DirectoryPersonDto> Match,
    IReadOnlyList<DirectoryPersonDto> Suspend, IReadOnlyList<DirectoryPersonDto> Reactivate, IReadOnlyList<DirectoryDepartmentDto> Departments,
    bool Applied);

/// <summary>A department the directory keeps: its group, and its members after the sync (normalized addresses).</summary>
internal sealed record PlannedDepartment(Department? Existing, string Group, string Name, IReadOnlyList<string> MemberEmails);

/// <summary>
/// Issue 29: what the directory's people and groups mean for a team, decided without touching the database, so the preview
/// and the sync are the same computation. The directory manages only the people it brought in or matched by e-mail and the
/// departments it made; the owner is never suspended by it; people gone from it are suspended, never deleted.
/// </summary>
internal sealed class SyncPlan
{
    public required List<DirectoryPerson> ToAdd { get; init; }
    public required List<User> ToMatch { get; init; }
    public required List<User> ToSuspend { get; init; }
    public required List<User> ToReactivate { get; init; }
    public required List<PlannedDepartment> Departments { get; init; }

    /// <param name="members">The team's members (removed ones too: a removed member is not made again).</param>
    /// <param name="elsewhere">Addresses in the directory that already have an account in another team: left alone.</param>
    /// <param name="departments">The team's departments (those an admin made too, for names).</param>
    public static SyncPlan Make(DirectorySnapshot directory, IReadOnlyList<User> members, ISet<string> elsewhere, IReadOnlyList<Department> departments)
    {
        var people = directory.People.GroupBy(p => Principals.Normalize(p.Email)).ToDictionary(g => g.Key, g => g.First());
        var byEmail = members.ToDictionary(u => u.NormalizedEmail);
        var add = new List<DirectoryPerson>();
        var match = new List<User>();
        var reactivate = new List<User>();
        foreach (var (email, person) in people)
        {
            if (!byEmail.TryGetValue(email, out var user))
            {
                if (!elsewhere.Contains(email)) add.Add(person);
                continue;
            }
            if (user.RemovedAt is not null) continue;
            if (!user.DirectoryManaged) match.Add(user);
            if (!user.IsActive && user.SuspendedByDirectory) reactivate.Add(user);
        }
        var suspend = members.Where(u => u.DirectoryManaged && u.IsActive && u.RemovedAt is null && u.Role != TeamRoles.Owner
            && !people.ContainsKey(u.NormalizedEmail)).ToList();

        // Members of a group are named by DN; people outside the user filter, or without an address, are not members here.
        var emailOfDn = people.Values.GroupBy(p => p.Dn).ToDictionary(g => g.Key, g => Principals.Normalize(g.First().Email));
        var joinable = new HashSet<string>(members.Where(u => u.RemovedAt is null).Select(u => u.NormalizedEmail).Concat(add.Select(p => Principals.Normalize(p.Email))));
        var names = departments.Where(d => d.DirectoryGroup is null).Select(d => d.Name).ToHashSet();
        var kept = departments.Where(d => d.DirectoryGroup is not null).ToDictionary(d => d.DirectoryGroup!);
        var planned = new List<PlannedDepartment>();
        foreach (var group in directory.Groups.GroupBy(g => g.Name).Select(g => g.First()))
        {
            var emails = group.MemberDns.Select(dn => emailOfDn.GetValueOrDefault(dn)).OfType<string>().Where(joinable.Contains).Distinct().Order().ToList();
            var existing = kept.GetValueOrDefault(group.Name);
            planned.Add(new PlannedDepartment(existing, group.Name, existing?.Name ?? Admin.DirectoryDepartments.NameFor(group.Name, names), emails));
        }
        // A group gone from the directory leaves its department empty (its grants then reach nobody), not deleted.
        foreach (var gone in kept.Values.Where(d => directory.Groups.All(g => g.Name != d.DirectoryGroup)))
            planned.Add(new PlannedDepartment(gone, gone.DirectoryGroup!, gone.Name, []));
        return new SyncPlan { ToAdd = add, ToMatch = match, ToSuspend = suspend, ToReactivate = reactivate, Departments = planned };
    }

    /// <param name="members">The team's members, for the addresses as they were written (the plan keys them normalized).</param>
    public DirectorySyncDto Describe(IReadOnlyList<User> members, bool applied)
    {
        var written = members.GroupBy(u => u.NormalizedEmail).ToDictionary(g => g.Key, g => g.First().Email);
        foreach (var person in ToAdd) written.TryAdd(Principals.Normalize(person.Email), person.Email);
        return new(
            [.. ToAdd.Select(p => new DirectoryPersonDto(p.Email, p.Name))],
            [.. ToMatch.Select(Person)], [.. ToSuspend.Select(Person)], [.. ToReactivate.Select(Person)],
            [.. Departments.Select(d => new DirectoryDepartmentDto(d.Name, [.. d.MemberEmails.Select(e => written[e])], d.Existing is null))], applied);
    }

    private static DirectoryPersonDto Person(User u) => new(u.Email, u.DisplayName);
}
