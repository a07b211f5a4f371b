using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// What a host tells its VMIs (implemented by <see cref="VmiGrain"/>): the cluster's own protocol, not
/// part of the client surface. Clients calling it through a gateway are refused by the silo's
/// incoming call filter. Method aliases are those the methods had on <c>IVmiGrain</c>.
/// </summary>
[Alias("VmiGrains.IVmiClusterGrain")]
public interface IVmiClusterGrain : IGrainWithStringKey
{
    /// <summary>Called by the host when it discovers the VMI; idempotent. One-way: a host never waits on its VMIs.</summary>
    [Alias("Register"), OneWay]
    Task RegisterAsync(VmiRegistration registration);

    /// <summary>Samples from the host's statistics poll; one-way so that a host never waits on its VMIs.</summary>
    [Alias("IngestFromHost"), OneWay]
    Task IngestFromHostAsync(FeedbackBatch batch);

    /// <summary>Called by the host after a rebalance changed this VMI's allocation.</summary>
    [Alias("AllocationChanged"), OneWay]
    Task AllocationChangedAsync(Allocation allocation, string reason);
}
