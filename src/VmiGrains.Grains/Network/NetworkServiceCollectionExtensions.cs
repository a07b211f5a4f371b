using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VmiGrains.Grains.Network;

/// <summary>Registers host network enforcement.</summary>
public static class NetworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="INetworkEnforcer"/> (nft/tc when <see cref="NetworkOptions.Enabled"/>, a
    /// no-op otherwise) with <see cref="NetworkOptions"/> bound from <c>VmiGrains:Network</c> and
    /// validated at start-up. Registered with TryAdd so tests and hosts can swap parts.
    /// </summary>
    public static IServiceCollection AddVmiGrainsNetwork(this IServiceCollection services, Action<NetworkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>());
        services.TryAddSingleton<HostCommandRunner>();
        services.TryAddSingleton<NftRunner>();
        services.TryAddSingleton<TcRunner>();
        services.TryAddSingleton<IfbRunner>();
        services.TryAddSingleton<NetworkEnforcer>();
        services.TryAddSingleton<DisabledNetworkEnforcer>();
        services.TryAddSingleton<INetworkEnforcer>(sp => sp.GetRequiredService<IOptions<NetworkOptions>>().Value.Enabled
            ? sp.GetRequiredService<NetworkEnforcer>()
            : sp.GetRequiredService<DisabledNetworkEnforcer>());
        return services;
    }
}
