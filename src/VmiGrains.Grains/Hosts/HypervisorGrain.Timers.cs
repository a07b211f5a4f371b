using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Hosts;

namespace VmiGrains.Grains.Hosts;

/// <summary>The host's timers: statistics for the VMIs, periodic re-planning, the undo sweep, and drift reconciliation.</summary>
internal sealed partial class HypervisorGrain
{
    private static readonly IReadOnlySet<string> NoneForced = new HashSet<string>();

    private readonly Dictionary<string, DomainStatsSample> _lastStats = new(StringComparer.Ordinal);

    private void StartTimers()
    {
        var o = options.Value;
        if (o.StatsInterval > TimeSpan.Zero)
        {
            this.RegisterGrainTimer(static (self, ct) => self.PollStatsAsync(ct), this,
                new GrainTimerCreationOptions { DueTime = o.StatsInterval, Period = o.StatsInterval, Interleave = false, KeepAlive = true });
        }

        this.RegisterGrainTimer(static (self, ct) => self.ExclusiveAsync(() => self.RebalanceAsync(NoneForced, "periodic")), this,
            new GrainTimerCreationOptions { DueTime = o.RebalanceInterval, Period = o.RebalanceInterval, Interleave = false, KeepAlive = true });
        this.RegisterGrainTimer(static (self, ct) =>
            {
                self.SweepUndo();
                return Task.CompletedTask;
            }, this,
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = o.UndoSweepInterval, Interleave = false, KeepAlive = true });
        this.RegisterGrainTimer(static (self, ct) => self.ExclusiveAsync(self.RediscoverAsync), this,
            new GrainTimerCreationOptions { DueTime = o.DiscoveryInterval, Period = o.DiscoveryInterval, Interleave = false, KeepAlive = true });
        this.RegisterGrainTimer(static async (self, ct) =>
            {
                await self.ReconcileAsync();
                await self.ExclusiveAsync(() => self.ReconcileNetworkAsync(afterRestart: false));
            }, this,
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(1), Period = o.ReconcileInterval, Interleave = false, KeepAlive = true });
    }

    /// <summary>Turns counters into per-second rates and utilisation, and sends each VMI its sample (one-way).</summary>
    private async Task PollStatsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DomainStatsSample> samples;
        try
        {
            samples = await _hypervisor.SampleAllAsync(cancellationToken);
        }
        catch (HypervisorException ex)
        {
            LogStatsFailed(HostName, ex.Message);
            return;
        }

        foreach (var sample in samples)
        {
            var id = sample.Uuid.ToString();
            if (!_domains.TryGetValue(id, out var domain) || sample.State != DomainState.Running || _conflicts.ContainsKey(id))
            {
                continue;
            }

            if (_lastStats.TryGetValue(id, out var previous) && ToFeedback(previous, sample, domain) is { } feedback)
            {
                Vmi(id).IngestFromHostAsync(new FeedbackBatch([feedback], [])).Ignore();
            }

            _lastStats[id] = sample;
        }
    }

    private static FeedbackSample? ToFeedback(DomainStatsSample a, DomainStatsSample b, VmiDescriptor domain)
    {
        var seconds = (b.Timestamp - a.Timestamp).TotalSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        double? Rate(ulong? x, ulong? y) => x is { } p && y is { } q && q >= p ? (q - p) / seconds : null;
        var cpu = Rate(a.CpuTimeNs, b.CpuTimeNs) is { } ns ? Math.Clamp(ns / 1e9 / Math.Max(1, domain.Vcpus), 0, 1) : (double?)null;
        // The guest's own use when its balloon driver reports it; qemu's RSS (emulator included) otherwise.
        var mem = (b.MemoryGuestUsedKiB ?? b.MemoryRssKiB) is { } used && domain.MaxMemoryKiB > 0 ? Math.Clamp((double)used / domain.MaxMemoryKiB, 0, 1) : (double?)null;
        return new FeedbackSample
        {
            Timestamp = b.Timestamp,
            Cpu = cpu,
            Mem = mem,
            NetRx = Rate(a.NetRxBytes, b.NetRxBytes),
            NetTx = Rate(a.NetTxBytes, b.NetTxBytes),
            IoRead = Rate(a.BlockReadBytes, b.BlockReadBytes),
            IoWrite = Rate(a.BlockWriteBytes, b.BlockWriteBytes),
        };
    }

    public async Task<Allocation?> ReadKnobsAsync(string vmiId)
    {
        if (!_domains.TryGetValue(vmiId, out var domain) || await _hypervisor.ReadKnobsAsync(domain.Uuid) is not { } knobs)
        {
            return null;
        }

        var shares = state.State.Allocations.GetValueOrDefault(vmiId);
        return new Allocation(shares?.CpuShare ?? 0, shares?.RamShare ?? 0, shares?.NetworkShare ?? 0, shares?.StorageShare ?? 0,
            knobs.CpuWeight, knobs.MemoryTargetKiB, knobs.BlkioWeight, (knobs.Bandwidth.Count > 0 ? knobs.Bandwidth[0].Inbound.AverageKiBps : null), [], [], time.GetUtcNow());
    }

    /// <summary>Re-applies knobs someone changed by hand; knobs the driver cannot set or read are left alone.</summary>
    public Task<int> ReconcileAsync() => ExclusiveAsync(ReconcileKnobsAsync);

    private async Task<int> ReconcileKnobsAsync()
    {
        var corrected = 0;
        foreach (var (vmiId, desired) in _knobs.ToList())
        {
            if (!_domains.TryGetValue(vmiId, out var domain) || await _hypervisor.ReadKnobsAsync(domain.Uuid) is not { } actual)
            {
                continue;
            }

            var drift = Drift(desired, actual, _unsupported.GetValueOrDefault(vmiId) ?? []);
            if (drift.IsEmpty)
            {
                continue;
            }

            await _hypervisor.ApplyAsync(domain.Uuid, drift);
            corrected++;
            LogDriftCorrected(HostName, domain.Name);
            Vmi(vmiId).AllocationChangedAsync(state.State.Allocations[vmiId], $"host {HostName}: drift corrected (knobs had been changed outside VmiGrains)").Ignore();
        }

        return corrected;
    }

    /// <summary>The desired knobs that the host reports differently (ignoring unreadable and unsupported ones).</summary>
    private static KnobSet Drift(KnobSet desired, KnobSet actual, HashSet<KnobKind> unsupported)
    {
        uint? U(uint? d, uint? a, KnobKind k) => !unsupported.Contains(k) && d is { } x && a is { } y && x != y ? x : null;
        ulong? L(ulong? d, ulong? a, KnobKind k) => !unsupported.Contains(k) && d is { } x && a is { } y && x != y ? x : null;
        return new KnobSet
        {
            CpuWeight = U(desired.CpuWeight, actual.CpuWeight, KnobKind.CpuWeight),
            MemoryTargetKiB = L(desired.MemoryTargetKiB, actual.MemoryTargetKiB, KnobKind.MemoryTarget),
            MemorySoftLimitKiB = L(desired.MemorySoftLimitKiB, actual.MemorySoftLimitKiB, KnobKind.MemorySoftLimit),
            BlkioWeight = U(desired.BlkioWeight, actual.BlkioWeight, KnobKind.BlkioWeight),
            Bandwidth = unsupported.Contains(KnobKind.InterfaceBandwidth) ? [] :
                [.. desired.Bandwidth.Where(b => actual.Bandwidth.FirstOrDefault(x => x.Mac == b.Mac) is { } a && a != b)],
        };
    }
}
