using VmiGrains.Domain.Network;
using VmiGrains.Grains.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// The network reconciler: on activation (after a crash or a move) and on the reconcile timer, what
/// VmiGrains installed for VMIs that are gone is removed (nft chains, dispatch entries, our qdiscs),
/// and what attached VMIs should have is re-applied from the host's durable shaping records and the
/// current bandwidth plan: all of it after a restart, on the timer only where our qdisc went missing.
/// </summary>
internal sealed partial class HypervisorGrain
{
    private async Task ReconcileNetworkAsync(bool afterRestart)
    {
        if (!hypervisors.IsLocal(HostName) || !NetworkEnforced)
        {
            return;
        }

        try
        {
            var live = _domains.Select(d => new VmiInterfaces(d.Key, Taps(d.Key))).ToList();
            var report = await network.ReconcileAsync(live);
            var stale = state.State.Shaping.Keys.Where(id => !_domains.ContainsKey(id)).ToList();
            foreach (var id in stale)
            {
                state.State.Shaping.Remove(id);
            }

            if (stale.Count > 0)
            {
                await state.WriteStateAsync();
            }

            if (!report.IsEmpty || stale.Count > 0)
            {
                var (chains, elements, taps, records) = (string.Join(',', report.RemovedChains), string.Join(',', report.RemovedElements), string.Join(',', report.ClearedTaps), string.Join(',', stale));
                LogNetworkReconciled(HostName, chains, elements, taps, records);
            }

            var shaped = await network.GetShapedDevicesAsync();
            foreach (var vmiId in _domains.Keys.ToList())
            {
                var record = state.State.Shaping.GetValueOrDefault(vmiId);
                var wanted = TapShaping.Compose(record?.Spec, _tcBandwidthKbit.TryGetValue(vmiId, out var kbit) ? kbit : null, record?.Side ?? ShapingSide.Host);
                var missing = wanted is not null && Taps(vmiId).Any(t => !shaped.Contains(t));
                var redo = new List<string>();
                if (wanted is not null && (afterRestart || missing))
                {
                    var problem = await EnforceTapAsync(vmiId);
                    redo.Add(problem is null ? $"tc/nft on {string.Join(',', Taps(vmiId))} re-applied ({Describe(wanted)})" : $"re-applying tc/nft failed: {problem}");
                }

                if (afterRestart && record is { Side: ShapingSide.Guest } && TapShaping.ForGuest(record.Spec) is { } inGuest)
                {
                    var problem = await ShapeGuestAsync(vmiId, inGuest);
                    redo.Add(problem is null ? $"netem inside the guest re-applied ({Describe(inGuest)})" : $"re-applying netem inside the guest failed: {problem}");
                }

                if (redo.Count > 0)
                {
                    var why = afterRestart ? $"host {HostName} network reconcile after (re)activation" : $"host {HostName} network reconcile: our qdisc was missing";
                    var what = string.Join("; ", redo);
                    LogNetworkReapplied(HostName, _domains[vmiId].Name, what);
                    Vmi(vmiId).NetworkReconciledAsync(what, why).Ignore();
                }
            }
        }
        catch (Exception ex) when (ex is NetworkEnforcementException or NetworkConfigurationException or TimeoutException)
        {
            LogNetworkReconcileFailed(HostName, ex.Message);
        }
    }

    private static string Describe(ShapingSpec s) => string.Join(' ', new[]
    {
        s.DelayMs is { } d ? FormattableString.Invariant($"delay {d} ms") : null,
        s.JitterMs is { } j ? FormattableString.Invariant($"jitter {j} ms") : null,
        s.LossPercent is { } l ? FormattableString.Invariant($"loss {l} %") : null,
        s.RateKbit is { } r ? FormattableString.Invariant($"rate {r} kbit/s") : null,
    }.OfType<string>());

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: network reconcile removed chains [{Chains}], dispatch entries [{Elements}], our qdiscs on [{Taps}], shaping records of gone VMIs [{Records}]")]
    private partial void LogNetworkReconciled(string host, string chains, string elements, string taps, string records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: network reconcile for {Domain}: {What}")]
    private partial void LogNetworkReapplied(string host, string domain, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: network reconcile failed: {Error}")]
    private partial void LogNetworkReconcileFailed(string host, string error);
}
