using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Identity.Admin;

/// <param name="DirectoryGroup">The directory group it follows (issue 29): its members change there, not here.</param>
internal sealed record DepartmentDto(Guid Id, string Name, int MemberCount, IReadOnlyList<Guid> MemberIds, string? DirectoryGroup = null);

internal static class DirectoryDepartments
{
    public const string ReadOnly = "This department follows your directory: its members change there, at their next sign-in.";

    /// <summary>The name of a directory group's department: the group's own, or beside a department an admin made with that name.</summary>
    public static string NameFor(string group, ICollection<string> takenByAdmins) => takenByAdmins.Contains(group) ? $"{group} (directory)" : group;
}

internal sealed record ListDepartments(Guid TeamId) : IRequest<IReadOnlyList<DepartmentDto>>;

internal sealed class ListDepartmentsHandler(IdentityDbContext db) : IRequestHandler<ListDepartments, IReadOnlyList<DepartmentDto>>
{
    public async ValueTask<IReadOnlyList<DepartmentDto>> Handle(ListDepartments request, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => d.TeamId == request.TeamId).OrderBy(d => d.Name).ToListAsync(ct);
        var ids = departments.Select(d => d.Id).ToList();
        var members = await (from m in db.DepartmentMembers
                             join u in db.Users on m.UserId equals u.Id
                             where ids.Contains(m.DepartmentId) && u.RemovedAt == null
                             select new { m.DepartmentId, m.UserId }).AsNoTracking().ToListAsync(ct);
        var byDepartment = members.ToLookup(m => m.DepartmentId, m => m.UserId);
        return departments.Select(d => new DepartmentDto(d.Id, d.Name, byDepartment[d.Id].Count(), byDepartment[d.Id].ToList(), d.DirectoryGroup)).ToList();
    }
}

internal sealed record CreateDepartment(Guid TeamId, string? Name) : IRequest<Outcome<DepartmentDto>>;

internal sealed class CreateDepartmentHandler(IdentityDbContext db) : IRequestHandler<CreateDepartment, Outcome<DepartmentDto>>
{
    public async ValueTask<Outcome<DepartmentDto>> Handle(CreateDepartment r, CancellationToken ct)
    {
        var name = r.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) return Outcome<DepartmentDto>.Invalid("name", "Enter a name of 1 to 200 characters.");
        if (await db.Departments.AnyAsync(d => d.TeamId == r.TeamId && d.Name == name, ct))
            return Outcome<DepartmentDto>.Conflict("name", "Your team already has a department with this name.");
        var department = new Department { Id = Guid.CreateVersion7(), TeamId = r.TeamId, Name = name };
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return Outcome<DepartmentDto>.Success(new DepartmentDto(department.Id, name, 0, []));
    }
}

internal sealed record DeleteDepartment(Guid TeamId, Guid DepartmentId) : IRequest<Outcome<bool>>;

internal sealed class DeleteDepartmentHandler(IdentityDbContext db) : IRequestHandler<DeleteDepartment, Outcome<bool>>
{
    public async ValueTask<Outcome<bool>> Handle(DeleteDepartment r, CancellationToken ct)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == r.DepartmentId && d.TeamId == r.TeamId, ct);
        if (department is null) return Outcome<bool>.NotFound();
        if (department.DirectoryGroup is not null) return Outcome<bool>.Conflict("id", DirectoryDepartments.ReadOnly);
        // Grants to the department then reach nobody: membership is live (ID-5).
        await db.DepartmentMembers.Where(m => m.DepartmentId == department.Id).ExecuteDeleteAsync(ct);
        db.Departments.Remove(department);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }
}

/// <summary>ID-5: adding or removing a member changes their access through the department's grants on the next request.</summary>
internal sealed record SetDepartmentMember(Guid TeamId, Guid DepartmentId, Guid UserId, bool Member) : IRequest<Outcome<bool>>;

internal sealed class SetDepartmentMemberHandler(IdentityDbContext db) : IRequestHandler<SetDepartmentMember, Outcome<bool>>
{
    public async ValueTask<Outcome<bool>> Handle(SetDepartmentMember r, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == r.DepartmentId && d.TeamId == r.TeamId)
            .Select(d => new { d.DirectoryGroup }).FirstOrDefaultAsync(ct);
        var userOk = await db.Users.AnyAsync(u => u.Id == r.UserId && u.TeamId == r.TeamId && u.RemovedAt == null, ct);
        if (department is null || !userOk) return Outcome<bool>.NotFound();
        if (department.DirectoryGroup is not null) return Outcome<bool>.Conflict("id", DirectoryDepartments.ReadOnly);
        var existing = await db.DepartmentMembers.FirstOrDefaultAsync(m => m.DepartmentId == r.DepartmentId && m.UserId == r.UserId, ct);
        if (r.Member && existing is null) db.DepartmentMembers.Add(new DepartmentMember { DepartmentId = r.DepartmentId, UserId = r.UserId });
        if (!r.Member && existing is not null) db.DepartmentMembers.Remove(existing);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }
}
