using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using TeamShare.Links.Contracts;
using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Caching;
using TeamShare.SharedKernel.Observability;
using TeamShare.SharedKernel.Publishing;

namespace TeamShare.Links.Opening;

/// <summary>
/// Issue 24.3: the link page (<c>/s/{token}</c> and <c>/q/{code}</c>, HTML or JSON) served from what an earlier open rendered, where that is exactly
/// what this open would render: the visitor is not signed in, and the link's answer depends on nothing of them (no password,
/// no preview limit to count, open to people outside the team, neither for the team nor for invited people only, not
/// expired). An entry is keyed by the team's <see cref="ChangeFeed"/> stamp as well as the link, the folder, the language and
/// the form, so any committed change to the team (cancel, modify, a policy switch, a role, a move, an upload, the trash) makes
/// a new key; it lives at most until the link expires, and only while its facts are cached (so while the feed is trusted).
/// Every open it serves is still recorded, as the page records its own (the sharer's timeline and notices).
/// A QR code's page (<c>/q/{code}</c>) likewise, until its code or its link expires.
/// </summary>
internal sealed class RecipientPageCache(LinkFactsCache facts, QrCodeSeal qr, ChangeFeed feed, BestEffort<LinkUsed> uses, TimeProvider clock)
    : IOutputCachePolicy
{
    public const string Policy = "recipient-page";

    /// <summary>How long a rendering is kept at most: bounds the memory a link nobody opens any more holds.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    private static readonly object FactsKey = new();

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var now = clock.GetUtcNow().UtcDateTime;
        if (Cacheable(http, now) is not { Share: var link } found || feed.Current(link.TeamId) is not { } stamp)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }
        http.Items[FactsKey] = found;
        context.EnableOutputCaching = context.AllowCacheLookup = context.AllowCacheStorage = true;
        // A burst of opens of a link not yet rendered waits for the first rendering instead of rendering it each.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = found.Ends - now < Longest ? found.Ends.Value - now : Longest;
        var vary = context.CacheVaryByRules;
        vary.QueryKeys = "folder";
        vary.VaryByValues["link"] = link.Id.ToString("N");
        vary.VaryByValues["team"] = $"{stamp.Epoch}.{stamp.Team}";
        vary.VaryByValues["language"] = CultureInfo.CurrentUICulture.Name;
        vary.VaryByValues["form"] = LinkRoutes.WantsJson(http.Request) ? "json" : "html";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var link = ((LinkFacts)http.Items[FactsKey]!).Share;
        var folder = Guid.TryParse(http.Request.Query["folder"], out var id) ? id : (Guid?)null;
        uses.Publish(Visitors.Used(LinkVisitor.Of(http), link.Id, link.TeamId, "opened", folder, clock.GetUtcNow().UtcDateTime));
        TeamShareMetrics.LinkPagesFromCache.Add(1);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        // Only a page that opened, and that hands nobody a cookie of their own.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>The link's facts, when this request's answer is the same for every visitor not signed in; null otherwise.</summary>
    private LinkFacts? Cacheable(HttpContext http, DateTime now)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return null;
        if (http.User.Identity?.IsAuthenticated == true) return null;
        if (LinkFactsCache.KeyOf(LinkRoutes.EntryOf(http, http.GetRouteValue("token") as string), qr) is not { } key) return null;
        // Only what an earlier open of this instance read and the feed still vouches for; a first open reads and renders.
        return facts.Find(key) is { OpensAlikeForAnyone: true } found && !(found.Ends <= now) ? found : null;
    }
}
