using TeamShare.SharedKernel.Validation;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Reflection;
using TeamShare.SharedKernel.Http;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 13: one validation seam on every JSON route, failing closed when a body has no validator.</summary>
public sealed class BodyValidationTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    [Fact]
    public void Every_route_that_takes_a_JSON_body_has_a_validator_for_it()
    {
        var missing = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.OfType<MethodInfo>().Take(1)
                .SelectMany(m => BodyValidation.BodyParameters(m, factory.Services))
                .Where(p => factory.Services.GetService(typeof(IValidator<>).MakeGenericType(p.ParameterType)) is null)
                .Select(p => $"{e.RoutePattern.RawText}: {p.ParameterType.Name}"))
            .Distinct().ToList();
        Assert.True(missing.Count == 0, "Bodies without a validator: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_seam_sees_the_bodies_at_all() =>
        Assert.True(factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Count(e => e.Metadata.OfType<MethodInfo>().Any(m => BodyValidation.BodyParameters(m, factory.Services).Any())) >= 20);

    [Fact]
    public async Task SP1_a_route_whose_body_lost_its_validator_refuses_and_writes_nothing()
    {
        // The host as it would be if CreateFolderRequest's validator had never been registered.
        await using var broken = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.RemoveAll<IValidator<TeamShare.Spaces.Items.CreateFolderRequest>>()));
        var mia = broken.CreateClient();
        var token = await (await mia.PostAsJsonAsync("/api/auth/tokens", new { email = "mia@acme.test", password = TeamShareFactory.Password, name = "t" })).Json();
        mia.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        var space = (await mia.PersonalSpace()).Id();
        var name = $"refused-{Guid.NewGuid():N}";

        var response = await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("no_validator", (await response.Json()).GetProperty("reason").GetString());
        var listing = await (await mia.GetAsync($"/api/spaces/{space}/items")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(name, listing);
    }

    [Fact]
    public async Task SP1_a_folder_without_a_name_is_a_400_naming_the_field_before_the_handler_runs()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var response = await mia.PostAsJsonAsync($"/api/spaces/{(await mia.PersonalSpace()).Id()}/folders", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Issue26_a_request_is_checked_by_its_validator_whoever_sends_it_a_page_the_api_or_another_module()
    {
        // A page: the activity console with its range the wrong way round used to list nothing; it now says why, as the API does.
        var adam = await Browsers.SignedInAsync(factory, "adam@acme.test");
        var page = await adam.GetAsync("/admin/activity?From=2026-03-02&To=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("The start must be before the end.", await page.Content.ReadAsStringAsync());
        var api = await (await factory.ClientForAsync("adam@acme.test")).GetAsync("/api/admin/activity?from=2026-03-02&to=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.True((await api.Json()).GetProperty("errors").TryGetProperty("from", out _));
        // A refusal is the user's mistake, not the server's: nothing is logged as an error for it.
        Assert.DoesNotContain(nameof(InvalidRequestException), factory.Errors.Describe());

        // Sent in process (a job, another module): the same refusals, with no HTTP edge in between.
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(async () => await mediator.Send(new TeamShare.Links.MyShares.ListMyShares(
            Guid.NewGuid(), Guid.NewGuid(), new TeamShare.Links.MyShares.ShareQuery(null, null, null, "lost", null, 25))));
        Assert.Contains("status", invalid.Errors.Keys);
        // A request whose answer is an outcome gets its refusal as one, before the handler looks anything up.
        var refused = await mediator.Send(new TeamShare.Links.Create.CreateLink(Guid.NewGuid(), Guid.NewGuid(), new TeamShare.Links.Create.CreateLinkBody([])));
        Assert.Equal(TeamShare.SharedKernel.Http.Refused.Invalid, refused.Refusal);
        Assert.Contains("itemIds", refused.Errors!.Keys);
    }
}
