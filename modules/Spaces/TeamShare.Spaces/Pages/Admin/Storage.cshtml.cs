using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Pages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Storage;

namespace TeamShare.Spaces.Pages.Admin;

/// <summary>Admin console (issue 27): what each space's files take, and the team's storage quota.</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class StorageModel(IMediator mediator) : ConsolePageModel
{
    private const long Gigabyte = 1024L * 1024 * 1024;
    internal TeamStorageDto Storage { get; private set; } = new(null, 0, []);
    public TeamPrincipals Principals { get; private set; } = new([], [], 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Storage = await mediator.Send(new GetTeamStorage(User.GetTeamId()), ct);
        Principals = await mediator.Send(new ListTeamPrincipals(User.GetTeamId()), ct);
    }

    /// <summary>A personal space is named after its member here ("My files" is what its owner sees).</summary>
    internal string NameOf(SpaceUseDto space) => space.OwnerId is { } owner
        ? Principals.Users.FirstOrDefault(u => u.Id == owner)?.Name ?? "(former member)"
        : space.Name;

    /// <summary>The quota field in gigabytes, as a person types it; empty for no limit.</summary>
    internal string QuotaField => Storage.QuotaBytes is { } q ? (q / (double)Gigabyte).ToString("0.##", CultureInfo.CurrentCulture) : "";

    internal int? PercentUsed => Storage.QuotaBytes is { } q && q > 0 ? (int)Math.Min(100, Storage.UsedBytes * 100 / q) : null;

    public async Task<IActionResult> OnPostQuotaAsync(string? gigabytes, CancellationToken ct)
    {
        long? bytes = null;
        if (!string.IsNullOrWhiteSpace(gigabytes))
        {
            if (!double.TryParse(gigabytes, NumberStyles.Number, CultureInfo.CurrentCulture, out var gb) || gb < 0 || gb > 1_000_000)
            {
                Error = "Type the quota in gigabytes, e.g. 50, or leave it empty for no limit.";
                return RedirectToPage();
            }
            bytes = (long)Math.Round(gb * Gigabyte);
        }
        return Done(await mediator.Send(new SetTeamStorageQuota(User.GetTeamId(), User.GetUserId(), bytes), ct),
            bytes is null ? "The team has no storage limit now." : "Storage quota saved.");
    }
}
