using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Allocation;
using VmiGrains.Domain.Hosts;

namespace VmiGrains.Grains.Hosts;

/// <summary>Planning, damping and applying allocations.</summary>
internal sealed partial class HypervisorGrain
{
    private readonly Dictionary<string, AppliedShares> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnobSet> _knobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<KnobKind>> _unsupported = new(StringComparer.Ordinal);

    /// <summary>
    /// Re-plans the host. A profile change (<paramref name="forced"/>) or a detach forces every VMI
    /// past the damper, so the shares stay zero-sum; demand drift is damped. Returns the forced VMIs'
    /// allocations (they hear of them in the reply; every other VMI that moved is told one-way).
    /// Callers run it inside <see cref="ExclusiveAsync"/>.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Allocation>> RebalanceAsync(IReadOnlySet<string> forced, string reason, bool forceAll = false)
    {
        var force = forceAll || forced.Count > 0;
        var claims = state.State.Claims.Where(c => _domains.ContainsKey(c.Key))
            .Select(c => new VmiClaim(c.Key, c.Value.Weights, ToShares(c.Value.Demand))).ToList();
        var plan = HostPlanner.Plan(claims);
        var now = time.GetUtcNow();
        var damping = new DampingOptions
        {
            AbsoluteThreshold = options.Value.AbsoluteThreshold,
            RelativeThreshold = options.Value.RelativeThreshold,
            Cooldown = options.Value.Cooldown,
        };
        var moved = 0;
        foreach (var (vmiId, planned) in plan)
        {
            _applied.TryGetValue(vmiId, out var previous);
            var shares = AllocationDamper.Damp(planned, previous, now, damping, force, out var changed);
            if (!changed)
            {
                continue;
            }

            var allocation = await ApplySharesAsync(vmiId, shares, Math.Max(plan.Count, _domains.Count), now);
            _applied[vmiId] = AllocationDamper.Record(previous, shares, now);
            state.State.Allocations[vmiId] = allocation;
            moved++;
            if (!forced.Contains(vmiId))
            {
                Vmi(vmiId).AllocationChangedAsync(allocation, $"host {HostName} rebalanced: {reason}").Ignore();
            }
        }

        if (moved > 0)
        {
            state.State.Rebalances++;
            VmiGrainsMetrics.RecordRebalance(HostName);
            state.State.LastRebalance = now;
            await state.WriteStateAsync();
            LogRebalanced(HostName, moved, plan.Count, reason);
        }

        var result = new Dictionary<string, Allocation>(forced.Count, StringComparer.Ordinal);
        foreach (var vmiId in forced)
        {
            if (state.State.Allocations.TryGetValue(vmiId, out var allocation))
            {
                result[vmiId] = allocation;
            }
        }

        return result;
    }

    private async Task<Allocation> ApplySharesAsync(string vmiId, ResourceShares shares, int peers, DateTimeOffset now)
    {
        var domain = _domains[vmiId];
        var mapping = new KnobMappingOptions { MemoryFloorKiB = (ulong)options.Value.MemoryFloorMiB * 1024 };
        var knobs = KnobMapper.Map(new AllocationTarget(shares.Cpu, shares.Ram, shares.Network, shares.Storage), _capacity, domain, mapping, peers);
        var unsupported = _unsupported.TryGetValue(vmiId, out var set) ? set : _unsupported[vmiId] = [];
        // What the host said it cannot do is not asked again on every re-plan (drift correction skips it too).
        var diff = knobs.Diff(_knobs.GetValueOrDefault(vmiId)).Without(unsupported);
        var results = diff.IsEmpty ? [] : await _hypervisor.ApplyAsync(domain.Uuid, diff);
        _knobs[vmiId] = knobs;
        foreach (var r in results.Where(r => r.Outcome == KnobOutcome.Unsupported))
        {
            unsupported.Add(r.Knob);
        }

        var failed = results.Where(r => r.Outcome == KnobOutcome.Failed).Select(r => $"{KnobName(r.Knob)}{(r.Target is null ? string.Empty : $" {r.Target}")}: {r.Message}").ToList();
        foreach (var f in failed)
        {
            LogKnobFailed(HostName, domain.Name, f);
        }

        return new Allocation(
            shares.Cpu, shares.Ram, shares.Network, shares.Storage,
            knobs.CpuWeight, knobs.MemoryTargetKiB, knobs.BlkioWeight, (knobs.Bandwidth.Count > 0 ? knobs.Bandwidth[0].Inbound.AverageKiBps : null),
            [.. unsupported.Select(KnobName).Order(StringComparer.Ordinal)], failed, now);
    }

    /// <summary>Absolute demand (CPUs, KiB, KiB/s, KiB/s) as fractions of this host; storage has no capacity, so it is shared by weight.</summary>
    private ResourceShares ToShares(IReadOnlyList<double> demand) => new(
        Fraction(demand[0], _capacity.LogicalCpus),
        Fraction(demand[1], _capacity.MemoryKiB),
        Fraction(demand[2], _capacity.NetworkKiBps),
        double.PositiveInfinity);

    private static double Fraction(double amount, double capacity) =>
        double.IsFinite(amount) && capacity > 0 ? Math.Max(0, amount / capacity) : double.PositiveInfinity;

    private static string KnobName(KnobKind knob) => knob switch
    {
        KnobKind.CpuWeight => "cpu_weight",
        KnobKind.MemoryTarget => "memory_target",
        KnobKind.MemorySoftLimit => "memory_soft_limit",
        KnobKind.MemoryHardLimit => "memory_hard_limit",
        KnobKind.Vcpus => "vcpus",
        KnobKind.BlkioWeight => "blkio_weight",
        KnobKind.InterfaceBandwidth => "interface_bandwidth",
        _ => knob.ToString(),
    };
}
