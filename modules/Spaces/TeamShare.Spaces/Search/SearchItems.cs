using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Search;

/// <summary>
/// Items whose name contains the text, across the member's spaces and what is shared with them, newest first (issue 12's
/// top-bar search). Every candidate passes SP-8 before it is shown.
/// </summary>
internal sealed record SearchItems(Guid UserId, Guid TeamId, string? Text) : IRequest<Outcome<IReadOnlyList<PlacedItemDto>>>
{
    public const int MaxHits = 50;
    public const int MaxLength = 200;
}

internal sealed class SearchItemsHandler(ItemPlaces places) : IRequestHandler<SearchItems, Outcome<IReadOnlyList<PlacedItemDto>>>
{
    public async ValueTask<Outcome<IReadOnlyList<PlacedItemDto>>> Handle(SearchItems request, CancellationToken ct)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0) return Outcome<IReadOnlyList<PlacedItemDto>>.Invalid("q", "Type part of a name to search for.");
        if (text.Length > SearchItems.MaxLength)
            return Outcome<IReadOnlyList<PlacedItemDto>>.Invalid("q", $"Search for at most {SearchItems.MaxLength} characters.");
        var key = ItemNames.Key(text);
        var hits = await places.NewestAsync(request.UserId, request.TeamId, i => i.NameKey.Contains(key), SearchItems.MaxHits, ct);
        return Outcome<IReadOnlyList<PlacedItemDto>>.Success(await places.PlaceAsync(request.UserId, request.TeamId, hits, ct));
    }
}
