using Xunit;

namespace TeamShare.ArchitectureTests;

/// <summary>The canary assembly breaks each rule on purpose; every rule must notice.</summary>
public sealed class CanaryTests
{
    private static readonly System.Reflection.Assembly Canary = Assemblies.Canary;
    private static readonly System.Reflection.Assembly Identity = Assemblies.ByName("TeamShare.Identity");

    [Fact]
    public void Dependency_rule_catches_use_of_another_modules_implementation()
    {
        Assert.Contains("TeamShare.Canary.ReachesIntoIdentity", Rules.DependenciesOnImplementation(Canary, Identity));
        Assert.Contains("TeamShare.Identity", Rules.ReferencedImplementations(Canary, Assemblies.Modules));
    }

    [Fact]
    public void Contract_rule_catches_an_unsealed_contract() =>
        Assert.Contains("TeamShare.Canary.OpenContract", Rules.UnsealedPublicTypes(Canary));

    [Fact]
    public void Public_surface_rule_catches_public_internals() =>
        Assert.Contains("TeamShare.Canary.ReachesIntoIdentity", Rules.UnexpectedPublicTypes(Canary));

    [Fact]
    public void Handler_rule_catches_a_public_unsealed_misnamed_handler() =>
        Assert.Contains("TeamShare.Canary.PingProcessor", Rules.BadHandlers(Canary));

    [Fact]
    public void DbContext_rule_catches_a_public_context() =>
        Assert.Contains("TeamShare.Canary.LeakyDbContext", Rules.PublicDbContexts(Canary));

    [Fact]
    public void Endpoint_rule_catches_a_non_static_endpoint_class() =>
        Assert.Contains("TeamShare.Canary.LeakyEndpoint", Rules.NonStaticEndpoints(Canary));

    [Fact]
    public void Package_rule_catches_a_forbidden_dependency() =>
        Assert.Contains("TeamShare.Canary.LeakyDbContext", Rules.DependenciesOn(Canary, "Microsoft.EntityFrameworkCore"));

    [Fact]
    public void Publishing_rule_catches_an_inline_publish() =>
        Assert.Contains("TeamShare.Canary.PublishesInline", Rules.InlinePublishes(Canary));

    [Fact]
    public void Endpoint_file_rule_catches_a_handler_written_in_an_endpoints_file() =>
        Assert.Contains("TeamShare.Canary.PingFromEndpointsHandler", Rules.HandlersInEndpointFiles(Canary));

    [Fact]
    public void Staging_rule_catches_a_notification_staged_on_the_DbContext() =>
        Assert.Contains("TeamShare.Canary.StagesDirectly", Rules.DirectStages(Canary));

    [Fact]
    public void Service_locator_rule_catches_RequestServices_in_an_endpoint_and_a_page_model()
    {
        var found = Rules.ServiceLocators(Canary);
        Assert.Contains("TeamShare.Canary.LocatingEndpoints", found);
        Assert.Contains("TeamShare.Canary.LocatingPageModel", found);
    }

    [Fact]
    public void DbContext_in_endpoint_rule_catches_an_endpoint_taking_a_context() =>
        Assert.Contains("TeamShare.Canary.LocatingEndpoints", Rules.EndpointsWithDbContexts(Canary));

    [Fact]
    public void Http_in_message_rule_catches_a_request_carrying_the_HttpContext() =>
        Assert.Contains("TeamShare.Canary.CarriesHttp", Rules.MessagesCarryingHttp(Canary));

    [Fact]
    public void Injected_handler_rule_catches_a_handler_taking_another() =>
        Assert.Contains("TeamShare.Canary.PongHandler", Rules.HandlersInjectedIntoHandlers(Canary));

    [Fact]
    public void Blob_write_rule_catches_a_handler_writing_to_the_store_itself() =>
        Assert.Contains("TeamShare.Canary.WritesBlobsItself", Rules.BlobWritesOutsideTheIntake(Canary));

    [Fact]
    public void Inline_validation_rule_catches_an_endpoint_checking_a_field_itself() =>
        Assert.Contains("TeamShare.Canary.ChecksItselfEndpoints", Rules.EndpointsValidatingInline(Canary));
}
