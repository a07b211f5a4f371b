using System.Diagnostics;
using Orleans.Storage;
using VmiGrains.Domain.Hosts;

namespace VmiGrains.Silo.Health;

/// <summary>
/// What <c>/readyz</c> checks, in parallel and each within <see cref="Timeout"/>: this silo is Active in the
/// cluster's membership; every grain storage answers a read; every hypervisor host the silo manages answers
/// libvirt. <c>/healthz</c> stays the liveness check (the process serves HTTP).
/// </summary>
internal sealed class ReadinessProbe(IServiceProvider services, IClusterMembershipService membership, ILocalSiloDetails silo, IHypervisorDirectory hypervisors)
{
    /// <summary>How long one check may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private static readonly string[] StorageNames = [Grains.StorageNames.Profiles, Grains.StorageNames.Vmis, Grains.StorageNames.Hosts];

    public async Task<IReadOnlyList<ReadinessCheck>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new List<Task<ReadinessCheck>> { Task.FromResult(Membership()) };
        checks.AddRange(StorageNames.Select(name => TimedAsync($"storage:{name}", ct => StorageAsync(name, ct), cancellationToken)));
        checks.AddRange(hypervisors.Hosts.Select(host => TimedAsync($"hypervisor:{host}", ct => HypervisorAsync(host, ct), cancellationToken)));
        return await Task.WhenAll(checks);
    }

    private ReadinessCheck Membership()
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return new ReadinessCheck("membership", status == SiloStatus.Active,
            status == SiloStatus.Active ? $"{silo.Name} is active" : $"{silo.Name} is {status} in the membership table, not Active", 0);
    }

    private async Task<string> StorageAsync(string name, CancellationToken cancellationToken)
    {
        var storage = services.GetKeyedService<IGrainStorage>(name) ?? services.GetKeyedService<IGrainStorage>("Default")
            ?? throw new InvalidOperationException($"no grain storage named '{name}' or 'Default' is registered");
        await storage.ReadStateAsync("readyz", GrainId.Create("vmigrains-readyz", silo.Name), new GrainState<ReadinessProbeState>()).WaitAsync(cancellationToken);
        return $"{storage.GetType().Name} answered a read";
    }

    private async Task<string> HypervisorAsync(string host, CancellationToken cancellationToken)
    {
        var capacity = await hypervisors.Find(host)!.GetCapacityAsync(cancellationToken).WaitAsync(cancellationToken);
        return $"{capacity.LogicalCpus} CPUs, {capacity.MemoryKiB / 1024} MiB";
    }

    private static async Task<ReadinessCheck> TimedAsync(string name, Func<CancellationToken, Task<string>> check, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var detail = await check(timeout.Token);
            return new ReadinessCheck(name, true, detail, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ReadinessCheck(name, false, $"no answer within {Timeout.TotalSeconds:0} s", clock.ElapsedMilliseconds);
        }
#pragma warning disable CA1031 // Any failure of the part is the answer /readyz gives, not an error of the endpoint.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ReadinessCheck(name, false, $"{ex.GetType().Name}: {ex.Message}", clock.ElapsedMilliseconds);
        }
    }
}
