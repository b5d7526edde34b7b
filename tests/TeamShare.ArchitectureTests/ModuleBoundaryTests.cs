using Xunit;

namespace TeamShare.ArchitectureTests;

public sealed class ModuleBoundaryTests
{
    [Theory]
    [MemberData(nameof(Assemblies.EachModulePair), MemberType = typeof(Assemblies))]
    public void No_module_depends_on_another_modules_implementation(string module, string other) =>
        Assert.Empty(Rules.DependenciesOnImplementation(Assemblies.ByName(module), Assemblies.ByName(other)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void No_module_references_another_module_assembly(string module) =>
        Assert.Empty(Rules.ReferencedImplementations(Assemblies.ByName(module), Assemblies.Modules));

    [Fact]
    public void Only_the_host_references_every_module()
    {
        var referenced = Assemblies.Host.GetReferencedAssemblies().Select(a => a.Name).ToHashSet();
        Assert.All(Assemblies.Modules, m => Assert.Contains(m.GetName().Name, referenced));
    }

    [Theory]
    [MemberData(nameof(Assemblies.EachContracts), MemberType = typeof(Assemblies))]
    public void Contracts_are_sealed_and_depend_on_no_module_internals(string contracts)
    {
        var assembly = Assemblies.ByName(contracts);
        Assert.Empty(Rules.UnsealedPublicTypes(assembly));
        Assert.Empty(Rules.ReferencedImplementations(assembly, Assemblies.Modules));
        Assert.Empty(Rules.DependenciesOn(assembly, "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire"));
        foreach (var module in Assemblies.Modules)
            Assert.Empty(Rules.DependenciesOnImplementation(assembly, module));
    }

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Module_internals_stay_internal(string module)
    {
        var assembly = Assemblies.ByName(module);
        Assert.Empty(Rules.UnexpectedPublicTypes(assembly));
        Assert.Empty(Rules.PublicDbContexts(assembly));
    }

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Handlers_are_sealed_internal_and_named_for_what_they_do(string module) =>
        Assert.Empty(Rules.BadHandlers(Assemblies.ByName(module)));

    [Fact]
    public void Handler_rule_sees_handlers_at_all() =>
        Assert.True(Assemblies.Modules.Sum(m => Rules.Handlers(m).Count) >= 5, "the handler filter matched nothing");

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Endpoint_classes_are_static(string module) =>
        Assert.Empty(Rules.NonStaticEndpoints(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Notifications_are_published_only_through_the_durable_or_best_effort_verb(string module) =>
        Assert.Empty(Rules.InlinePublishes(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Handlers_live_in_files_named_for_their_use_case_not_in_endpoints_files(string module) =>
        Assert.Empty(Rules.HandlersInEndpointFiles(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Notifications_are_staged_through_the_pipeline_that_publishes_them_after_the_commit(string module) =>
        Assert.Empty(Rules.DirectStages(Assemblies.ByName(module)));

    [Fact]
    public void The_host_and_shared_kernel_publish_only_through_the_seam()
    {
        Assert.Empty(Rules.InlinePublishes(Assemblies.Host));
        Assert.Empty(Rules.InlinePublishes(typeof(TeamShare.SharedKernel.Publishing.BestEffort<>).Assembly));
    }

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Page_models_and_endpoints_locate_no_services(string module) =>
        Assert.Empty(Rules.ServiceLocators(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Endpoints_take_no_DbContext(string module) =>
        Assert.Empty(Rules.EndpointsWithDbContexts(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void No_handler_is_injected_into_another(string module) =>
        Assert.Empty(Rules.HandlersInjectedIntoHandlers(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Requests_and_notifications_carry_no_ASP_NET_Core_type(string module) =>
        Assert.Empty(Rules.MessagesCarryingHttp(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Contents_are_stored_only_through_the_content_intake(string module) =>
        Assert.Empty(Rules.BlobWritesOutsideTheIntake(Assemblies.ByName(module)));

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Endpoints_leave_field_checks_to_the_requests_validators(string module) =>
        Assert.Empty(Rules.EndpointsValidatingInline(Assemblies.ByName(module)));

    [Fact]
    public void Endpoints_live_in_modules_not_in_the_host() => Assert.Empty(Rules.EndpointsOutsideModules(Assemblies.Host));

    [Fact]
    public void Host_uses_no_module_internals_beyond_generated_mediator_code() =>
        Assert.Empty(Rules.HostUsesOfModuleInternals(Assemblies.Host, Assemblies.Modules));

    [Fact]
    public void Hangfire_stays_in_the_host()
    {
        foreach (var module in Assemblies.Modules)
            Assert.Empty(Rules.DependenciesOn(module, "Hangfire"));
    }

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Only_invitations_sends_mail_and_only_links_draws_qr_codes(string module)
    {
        var assembly = Assemblies.ByName(module);
        if (module != "TeamShare.Invitations") Assert.Empty(Rules.DependenciesOn(assembly, "Scriban", "MailKit", "MimeKit"));
        if (module != "TeamShare.Links") Assert.Empty(Rules.DependenciesOn(assembly, "QRCoder"));
    }
}
