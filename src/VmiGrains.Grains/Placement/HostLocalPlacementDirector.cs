using Orleans.Runtime.Placement;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Placement;

/// <summary>
/// Chooses the one silo that manages the grain's host. When no active silo does, placement fails
/// fast with <see cref="HypervisorUnavailableException"/> naming the host, instead of activating the
/// grain somewhere it cannot reach libvirt.
/// </summary>
internal sealed class HostLocalPlacementDirector(HostPresence presence) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var host = target.GrainIdentity.Key.ToString()!;
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (presence.Manages(silo, host))
            {
                return Task.FromResult(silo);
            }
        }

        throw new HypervisorUnavailableException(host);
    }
}
