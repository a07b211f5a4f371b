using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;
using VmiGrains.Grains.Network;
using VmiGrains.Grains.Hosts;
using VmiGrains.GuestAgent;
using VmiGrains.GuestAgent.Transports;
using VmiGrains.Grains.Placement;
using VmiGrains.Grains.Vmis;
using VmiGrains.Grains.Rollouts;
using VmiGrains.Grains.Ticks;
using VmiGrains.Libvirt;
using VmiGrains.Domain.Hosts;
using VmiGrains.Libvirt.Hypervisor;
using VmiGrains.Rules;

namespace VmiGrains.Grains.Hosting;

/// <summary>Registers VmiGrains' grains and host-local services on a silo.</summary>
public static class VmiGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grains, the host-local placement, the rule engine and — when <c>VmiGrains:Host:Name</c>
    /// is set — the libvirt hypervisor for that host, with every option bound from
    /// <paramref name="configuration"/> and validated at start-up. Parts are registered with
    /// <c>TryAdd</c>, so tests can replace any of them first.
    /// </summary>
    public static ISiloBuilder AddVmiGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var hostName = configuration[$"{HostManagementOptions.SectionName}:Name"];
        IEnumerable<string> additional = [.. configuration.GetSection($"{HostManagementOptions.SectionName}:Additional").GetChildren().Select(c => c.Key)];
        silo.UseSiloMetadata(string.IsNullOrEmpty(hostName) ? [] : new Dictionary<string, string>
        {
            [SiloMetadataKeys.Host] = string.Join(SiloMetadataKeys.HostSeparator, additional.Prepend(hostName)),
        });
        silo.Services.AddSingleton<HostPresence>();
        silo.Services.AddPlacementDirector<HostLocalPlacement, HostLocalPlacementDirector>();
        silo.Services.AddVmiGrainsServices(configuration);
        return silo;
    }

    /// <summary>The services behind <see cref="AddVmiGrains"/>.</summary>
    public static IServiceCollection AddVmiGrainsServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<HostManagementOptions>().Bind(configuration.GetSection(HostManagementOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HostManagementOptions>, HostManagementOptionsValidator>());
        services.AddOptions<VmiOptions>().Bind(configuration.GetSection(VmiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VmiOptions>, VmiOptionsValidator>());
        services.AddOptions<RolloutOptions>().Bind(configuration.GetSection(RolloutOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RolloutOptions>, RolloutOptionsValidator>());
        // Bound (not configured once) so that the operator switches follow a configuration reload.
        services.AddVmiGrainsRules().Bind(configuration.GetSection(RulesOptions.SectionName));
        services.AddLibvirtHypervisor(o =>
        {
            configuration.GetSection(LibvirtHypervisorOptions.SectionName).Bind(o);
            o.HostName ??= configuration[$"{HostManagementOptions.SectionName}:Name"];
        });
        services.AddVmiGuestAgents(o => configuration.GetSection(GuestAgentOptions.SectionName).Bind(o));
        services.TryAddSingleton<IHypervisorDirectory, HypervisorDirectory>();
        services.TryAddSingleton<IDomainAgentChannelProvider, HypervisorAgentChannelProvider>();
        services.AddVmiGrainsNetwork(o => configuration.GetSection(NetworkOptions.SectionName).Bind(o));
        services.AddHostedService<HostAgentService>();
        services.AddOptions<TickSchedulerOptions>().Bind(configuration.GetSection(TickSchedulerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TickSchedulerOptions>, TickSchedulerOptionsValidator>());
        services.TryAddSingleton<TickScheduler>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TickScheduler>());
        return services;
    }
}
