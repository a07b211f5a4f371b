using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>
/// The nft/tc implementation of <see cref="INetworkEnforcer"/>. Each call reads the table's state,
/// compiles a script with the pure domain compilers and applies it as one nft transaction; calls
/// are serialised so a read and its write never interleave with another call's.
/// </summary>
internal sealed partial class NetworkEnforcer(NftRunner nft, TcRunner tc, IfbRunner ifb, ILogger<NetworkEnforcer> logger) : INetworkEnforcer, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task ApplyPolicyAsync(string vmiId, IReadOnlyList<string> taps, NetworkPolicy policy, CancellationToken cancellationToken = default) =>
        SerialAsync(async () =>
        {
            var script = NftScriptCompiler.Apply(vmiId, taps, policy, await nft.ReadStateAsync(cancellationToken));
            await nft.ApplyAsync(script, cancellationToken);
            LogPolicyApplied(vmiId, string.Join(',', taps), policy.Rules.Count, policy.Default);
        }, cancellationToken);

    public Task ShapeAsync(string vmiId, IReadOnlyList<string> taps, ShapingSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        InterfaceNames.ThrowIfInvalid(taps, "taps");
        spec.ThrowIfInvalid();
        return SerialAsync(async () =>
        {
            var done = new List<string>();
            try
            {
                foreach (var tap in taps)
                {
                    done.Add(tap);
                    if (TcCommands.Replace(tap, spec) is { } args)
                    {
                        await tc.ReplaceAsync(tap, args, cancellationToken);
                    }
                    else
                    {
                        await tc.DeleteOursAsync(tap, cancellationToken);
                    }
                }

                var state = await nft.ReadStateAsync(cancellationToken);
                var loss = spec.LossPercent is > 0
                    ? NftScriptCompiler.ApplyLoss(vmiId, taps, spec.LossPercent.Value, state)
                    : NftScriptCompiler.RemoveLoss(vmiId, state);
                if (loss is not null)
                {
                    await nft.ApplyAsync(loss, cancellationToken);
                }
            }
            catch (Exception e) when (e is NetworkEnforcementException or OperationCanceledException)
            {
                // Roll back the qdiscs this call touched; the grain's undo record restores any earlier shaping.
                foreach (var tap in done)
                {
                    await tc.DeleteOursAsync(tap, CancellationToken.None);
                }

                throw;
            }

            LogShaped(vmiId, string.Join(',', taps), spec.DelayMs, spec.JitterMs, spec.LossPercent, spec.RateKbit);
        }, cancellationToken);
    }

    public Task ClearShapingAsync(string vmiId, IReadOnlyList<string> taps, CancellationToken cancellationToken = default) =>
        SerialAsync(() => ClearShapingCoreAsync(vmiId, taps, cancellationToken), cancellationToken);

    public Task RemoveAllAsync(string vmiId, IReadOnlyList<string> taps, CancellationToken cancellationToken = default) =>
        SerialAsync(async () =>
        {
            await ClearShapingCoreAsync(vmiId, taps, cancellationToken);
            foreach (var tap in taps)
            {
                await ifb.LimitAsync(tap, null, cancellationToken);
            }

            if (NftScriptCompiler.Remove(vmiId, await nft.ReadStateAsync(cancellationToken)) is { } script)
            {
                await nft.ApplyAsync(script, cancellationToken);
            }

            LogPolicyRemoved(vmiId);
        }, cancellationToken);

    public async Task<NetworkReconcileReport> ReconcileAsync(IReadOnlyCollection<VmiInterfaces> live, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        NetworkReconcileReport report = null!;
        await SerialAsync(async () =>
        {
            var plan = NftReconciler.Plan(live, await nft.ReadStateAsync(cancellationToken));
            if (plan.Script is not null)
            {
                await nft.ApplyAsync(plan.Script, cancellationToken);
            }

            var liveTaps = live.SelectMany(v => v.Taps).ToHashSet(StringComparer.Ordinal);
            var liveIfbs = liveTaps.Select(IfbCommands.DeviceFor).ToHashSet(StringComparer.Ordinal);
            var cleared = new List<string>();
            foreach (var device in (await ifb.ListAsync(cancellationToken)).Where(d => !liveIfbs.Contains(d)))
            {
                await ifb.DeleteAsync(device, cancellationToken);
                cleared.Add(device);
            }

            liveTaps.UnionWith(liveIfbs);
            foreach (var qdisc in await tc.RootsAsync(null, cancellationToken))
            {
                if (qdisc.IsOurs && !liveTaps.Contains(qdisc.Device) && await tc.DeleteOursAsync(qdisc.Device, cancellationToken))
                {
                    cleared.Add(qdisc.Device);
                }
            }

            report = new NetworkReconcileReport(plan.RemovedChains, plan.RemovedElements, cleared);
            if (!report.IsEmpty)
            {
                LogReconciled(report.RemovedChains.Count, report.RemovedElements.Count, report.ClearedTaps.Count);
            }
        }, cancellationToken);
        return report;
    }

    public async Task<string?> PolicyCaveatAsync(NetworkPolicy policy, CancellationToken cancellationToken = default) =>
        (await nft.GetDialectAsync(cancellationToken)).CaveatFor(policy);

    public Task LimitOutboundAsync(string vmiId, IReadOnlyList<string> taps, long? rateKbit, CancellationToken cancellationToken = default)
    {
        InterfaceNames.ThrowIfInvalid(taps, "taps");
        return SerialAsync(async () =>
        {
            foreach (var tap in taps)
            {
                await ifb.LimitAsync(tap, rateKbit, cancellationToken);
            }

            LogOutboundLimited(vmiId, string.Join(',', taps), rateKbit);
        }, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GetShapedDevicesAsync(CancellationToken cancellationToken = default) =>
        (await tc.RootsAsync(null, cancellationToken)).Where(q => q.IsOurs).Select(q => q.Device).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<NetworkRuleCounter>> GetCountersAsync(string vmiId, CancellationToken cancellationToken = default)
    {
        var counters = new List<NetworkRuleCounter>();
        foreach (var chain in NftNames.ChainsOf(vmiId))
        {
            counters.AddRange(await nft.CountersAsync(chain, cancellationToken));
        }

        return counters;
    }

    public void Dispose() => _gate.Dispose();

    private async Task ClearShapingCoreAsync(string vmiId, IReadOnlyList<string> taps, CancellationToken cancellationToken)
    {
        InterfaceNames.ThrowIfInvalid(taps, "taps");
        foreach (var tap in taps)
        {
            await tc.DeleteOursAsync(tap, cancellationToken);
        }

        if (NftScriptCompiler.RemoveLoss(vmiId, await nft.ReadStateAsync(cancellationToken)) is { } script)
        {
            await nft.ApplyAsync(script, cancellationToken);
        }

        LogShapingCleared(vmiId);
    }

    private async Task SerialAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        catch (NetworkEnforcementException e)
        {
            LogFailed(e.Command, e.Message);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }
}
