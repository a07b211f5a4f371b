using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Allocation;
using VmiGrains.Domain.Hosts;

namespace VmiGrains.Grains.Hosts;

/// <summary>Planning, damping and applying allocations.</summary>
internal sealed partial class HypervisorGrain
{
    private readonly Dictionary<string, AppliedShares> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnobSet> _knobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<KnobKind>> _unsupported = new(StringComparer.Ordinal);

    // Knobs set and read back but ignored by this host (why, per knob), until a later apply succeeds with effect.
    private readonly Dictionary<string, Dictionary<KnobKind, string>> _noEffect = new(StringComparer.Ordinal);

    // VMI → why its last deferral was told to it ("change budget" / "minimum dwell"); told again only when that changes.
    private readonly Dictionary<string, string> _deferralTold = new(StringComparer.Ordinal);

    /// <summary>The last plan's pressure: the hysteresis' memory (in memory only; a new activation starts uncontended and re-detects).</summary>
    private HostPressure _pressure = HostPressure.None;

    /// <summary>
    /// Re-plans the host with <see cref="WorkConservingPolicy"/> and applies what changed. A profile
    /// change (<paramref name="forced"/>) or a detach forces every VMI past damping, dwell and change
    /// budget, so the shares stay zero-sum; demand drift is bounded by them. Returns the forced VMIs'
    /// allocations (they hear of them in the reply; every other VMI that moved is told one-way).
    /// Callers run it inside <see cref="ExclusiveAsync"/>.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Allocation>> RebalanceAsync(IReadOnlySet<string> forced, string reason, bool forceAll = false)
    {
        var force = forceAll || forced.Count > 0;
        var vmis = state.State.Claims.Where(c => _domains.ContainsKey(c.Key)).Select(c => ToDemand(c.Key, c.Value, force)).ToList();
        var now = time.GetUtcNow();
        var plan = WorkConservingPolicy.Plan(vmis, _applied, _pressure, now, _policy);
        NotePressure(plan.Pressure);
        var deferred = Deferrals(plan);
        var peers = Math.Max(vmis.Count, _domains.Count);
        var moved = 0;
        foreach (var vmi in plan.Vmis.Where(v => v.Changed))
        {
            _applied.TryGetValue(vmi.VmiId, out var previous);
            var allocation = await ApplySharesAsync(vmi.VmiId, vmi.Shares, vmi.Caps, peers, now);
            _applied[vmi.VmiId] = AppliedShares.After(previous, vmi.Shares, now);
            state.State.Allocations[vmi.VmiId] = allocation;
            moved++;
            if (!forced.Contains(vmi.VmiId))
            {
                Vmi(vmi.VmiId).AllocationChangedAsync(allocation, $"host {HostName} rebalanced: {reason}{deferred}").Ignore();
            }
        }

        if (moved > 0)
        {
            state.State.Rebalances++;
            VmiGrainsMetrics.RecordRebalance(HostName);
            state.State.LastRebalance = now;
            await state.WriteStateAsync();
            LogRebalanced(HostName, moved, plan.Vmis.Count, reason);
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

    /// <summary>The policy's view of a claim: absolute demand (CPUs, KiB, KiB/s) as fractions of this host, and the VMI's maximum.</summary>
    private VmiDemand ToDemand(string vmiId, ClaimRecord claim, bool force)
    {
        var memory = (double)_capacity.MemoryKiB;
        var demand = claim.Usage;
        var used = new ResourceVector(
            Fraction(demand.Cpu, _capacity.LogicalCpus),
            Fraction(demand.Ram, memory),
            Fraction(demand.Network, _capacity.NetworkKiBps),
            double.PositiveInfinity);
        var maximum = new ResourceVector(1, Math.Min(1, Fraction(_domains[vmiId].MaxMemoryKiB, memory)), 1, 1);
        return new VmiDemand(vmiId, claim.Weights, used, maximum, Fraction(options.Value.MemoryFloorMiB * 1024.0, memory), force);
    }

    /// <summary>
    /// What the change budget and the dwell held back, for the decisions of the VMIs that moved. A deferred VMI
    /// hears of it too (a decision of its own), once per deferral and cause, not on every re-plan it waits.
    /// </summary>
    private string Deferrals(AllocationPlan plan)
    {
        var waiting = plan.Deferred;
        var waitingIds = waiting.Select(w => w.VmiId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _deferralTold.Keys.Where(id => !waitingIds.Contains(id)).ToList())
        {
            _deferralTold.Remove(id); // no longer waiting: a later deferral is a new one
        }

        if (waiting.Count == 0)
        {
            return string.Empty;
        }

        foreach (var w in waiting)
        {
            LogDeferred(HostName, w.VmiId, w.Deferred!);
            var cause = DeferralCause(w.Deferred!);
            if (_deferralTold.GetValueOrDefault(w.VmiId) != cause)
            {
                _deferralTold[w.VmiId] = cause;
                Vmi(w.VmiId).AllocationDeferredAsync($"host {HostName} held back a new allocation: {w.Deferred}").Ignore();
            }
        }

        var names = string.Join(", ", waiting.Take(5).Select(w => _domains.TryGetValue(w.VmiId, out var d) ? d.Name : w.VmiId));
        var byBudget = waiting.Count(w => DeferralCause(w.Deferred!) == BudgetCause);
        return $"; {waiting.Count} VMI(s) deferred ({byBudget} by the change budget of {plan.ChangeBudget} per plan, {waiting.Count - byBudget} by minimum dwell): {names}{(waiting.Count > 5 ? ", …" : string.Empty)}";
    }

    private const string BudgetCause = "change budget";

    private static string DeferralCause(string deferred) =>
        deferred.StartsWith(BudgetCause, StringComparison.Ordinal) ? BudgetCause : "minimum dwell";

    private void NotePressure(HostPressure pressure)
    {
        foreach (var r in Enum.GetValues<Abstractions.Profiles.ResourceKind>().Where(WorkConservingPolicy.IsCapped))
        {
            var contended = pressure.IsContended(r);
            if (contended != _pressure.IsContended(r))
            {
                var (name, demand) = (WorkConservingPolicy.Name(r), pressure.Demand[r]);
                LogPressureChanged(HostName, name, contended, demand);
            }
        }

        _pressure = pressure;
    }

    private async Task<Allocation> ApplySharesAsync(string vmiId, ResourceVector shares, IReadOnlyList<string> caps, int peers, DateTimeOffset now)
    {
        var domain = _domains[vmiId];
        var mapping = new KnobMappingOptions { MemoryFloorKiB = (ulong)options.Value.MemoryFloorMiB * 1024 };
        var knobs = KnobMapper.Map(new ResourceVector(shares.Cpu, shares.Ram, shares.Network, shares.Storage), _capacity, domain, mapping, peers);
        var unsupported = _unsupported.TryGetValue(vmiId, out var set) ? set : _unsupported[vmiId] = [];
        // What the host said it cannot do is not asked again on every re-plan (drift correction skips it too).
        var diff = knobs.Diff(_knobs.GetValueOrDefault(vmiId)).Without(unsupported);
        var results = diff.IsEmpty ? [] : await _hypervisor.ApplyAsync(domain.Uuid, diff);
        _knobs[vmiId] = knobs;
        foreach (var r in results.Where(r => r.Outcome == KnobOutcome.Unsupported))
        {
            unsupported.Add(r.Knob);
        }

        var noEffect = NoteEffects(vmiId, domain.Name, results);
        var bandwidthBy = await EnforceBandwidthAsync(vmiId, knobs, results, unsupported);
        var failed = results.Where(r => r.Outcome == KnobOutcome.Failed).Select(r => $"{KnobName(r.Knob)}{(r.Target is null ? string.Empty : $" {r.Target}")}: {r.Message}").ToList();
        foreach (var f in failed)
        {
            LogKnobFailed(HostName, domain.Name, f);
        }

        return new Allocation(
            shares.Cpu, shares.Ram, shares.Network, shares.Storage,
            knobs.CpuWeight, knobs.MemoryTargetKiB, knobs.BlkioWeight, (knobs.Bandwidth.Count > 0 ? knobs.Bandwidth[0].Inbound.AverageKiBps : null),
            [.. unsupported.Select(KnobName).Order(StringComparer.Ordinal)], failed, now, noEffect, caps) { BandwidthEnforcement = bandwidthBy };
    }

    private List<string> NoteEffects(string vmiId, string domainName, IReadOnlyList<KnobResult> results)
    {
        var known = _noEffect.TryGetValue(vmiId, out var set) ? set : _noEffect[vmiId] = [];
        foreach (var r in results)
        {
            if (r.Outcome == KnobOutcome.NoEffect)
            {
                if (!known.ContainsKey(r.Knob))
                {
                    LogKnobWithoutEffect(HostName, domainName, KnobName(r.Knob), r.Message ?? string.Empty);
                }

                known[r.Knob] = r.Message ?? string.Empty;
            }
            else if (r.Outcome == KnobOutcome.Applied)
            {
                known.Remove(r.Knob);
            }
        }

        return [.. known.OrderBy(k => k.Key).Select(k => $"{KnobName(k.Key)}: {k.Value}")];
    }

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
