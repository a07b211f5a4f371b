using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;

namespace VmiGrains.Silo.Clustering;

/// <summary>Registers <see cref="RecoveringMembershipTable"/> around the membership table of Redis clustering.</summary>
internal static class ClusteringServiceCollectionExtensions
{
    /// <summary>Wraps the registered <see cref="IMembershipTable"/>; call after <c>UseRedisClustering</c>.</summary>
    public static IServiceCollection AddRecoveringRedisMembership(this IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IMembershipTable) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No IMembershipTable is registered: configure Redis clustering (UseRedisClustering) before AddRecoveringRedisMembership.");
        services.Remove(original);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMembershipTable>(sp => new RecoveringMembershipTable(
            (IMembershipTable)(original.ImplementationInstance ?? original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)),
            sp.GetRequiredService<IOptions<RedisClusteringOptions>>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<IOptions<ClusterMembershipOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp,
            sp.GetRequiredService<ILogger<RecoveringMembershipTable>>()));
        return services;
    }
}
