using VmiGrains.Domain.Hosts;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// Interface bandwidth when libvirt's <c>domiftune</c> cannot (e.g. a kernel without sfq, fw or police):
/// with network enforcement on, the planned inbound average becomes a tbf/netem rate in our qdisc on
/// the tap (host → guest), and the planned outbound average a tbf on an ifb of ours that the tap's
/// ingress is redirected to (guest → host). Every VMI's allocation
/// says which mechanism enforces its bandwidth, or that none does and why.
/// </summary>
internal sealed partial class HypervisorGrain
{
    /// <summary>VMI → the bandwidth ceiling our tc enforces on its taps (kbit/s).</summary>
    private readonly Dictionary<string, long> _tcBandwidthKbit = new(StringComparer.Ordinal);

    /// <summary>VMI → the limit our tc enforces on what it sends (kbit/s, through an ifb).</summary>
    private readonly Dictionary<string, long> _tcOutboundKbit = new(StringComparer.Ordinal);

    /// <summary>VMI → what enforces its bandwidth, in full (for the allocation and its decision).</summary>
    private readonly Dictionary<string, string> _bandwidthBy = new(StringComparer.Ordinal);

    /// <summary>VMI → why libvirt cannot set its interface bandwidth (kept: the knob is not asked again).</summary>
    private readonly Dictionary<string, string> _domiftuneRefused = new(StringComparer.Ordinal);

    /// <summary>Enforces <paramref name="knobs"/>' bandwidth with tc where libvirt refused it; returns what enforces it (null: no bandwidth planned).</summary>
    private async Task<string?> EnforceBandwidthAsync(string vmiId, KnobSet knobs, IReadOnlyList<KnobResult> results, HashSet<KnobKind> unsupported)
    {
        if (results.FirstOrDefault(r => r.Knob == KnobKind.InterfaceBandwidth && r.Outcome == KnobOutcome.Unsupported) is { } refused)
        {
            _domiftuneRefused[vmiId] = refused.Message ?? "the driver reported it unsupported";
        }

        if (knobs.Bandwidth.Count == 0)
        {
            _bandwidthBy.Remove(vmiId);
            if (_tcBandwidthKbit.Remove(vmiId))
            {
                await EnforceTapAsync(vmiId);
            }

            if (_tcOutboundKbit.Remove(vmiId))
            {
                await EnforceAsync(vmiId, taps => network.LimitOutboundAsync(vmiId, taps, null));
            }

            return null;
        }

        if (!unsupported.Contains(KnobKind.InterfaceBandwidth))
        {
            return _bandwidthBy[vmiId] = "libvirt domiftune";
        }

        var why = _domiftuneRefused.GetValueOrDefault(vmiId) ?? "the driver refused it";
        if (NotEnforcedHere(vmiId) is { } notHere)
        {
            return _bandwidthBy[vmiId] = $"not enforced: libvirt domiftune unsupported ({why}) and {notHere}";
        }

        var kbit = knobs.Bandwidth.Select(b => TapShaping.KbitFromKiBps(b.Inbound.AverageKiBps)).Min();
        var outKbit = knobs.Bandwidth.Select(b => TapShaping.KbitFromKiBps(b.Outbound.AverageKiBps)).Min();
        if (_tcBandwidthKbit.TryGetValue(vmiId, out var was) == kbit.HasValue && was == (kbit ?? 0)
            && _tcOutboundKbit.TryGetValue(vmiId, out var wasOut) == outKbit.HasValue && wasOut == (outKbit ?? 0)
            && _bandwidthBy.TryGetValue(vmiId, out var unchanged))
        {
            return unchanged;
        }

        Set(_tcBandwidthKbit, vmiId, kbit);
        Set(_tcOutboundKbit, vmiId, outKbit);
        var taps = string.Join(',', Taps(vmiId));
        var problem = Join(await EnforceTapAsync(vmiId), await EnforceAsync(vmiId, t => network.LimitOutboundAsync(vmiId, t, outKbit)));
        return _bandwidthBy[vmiId] = problem is null
            ? $"tc on {taps} host→guest {Rate(kbit)}, guest→host {Rate(outKbit)} through ifb {string.Join(',', Taps(vmiId).Select(IfbCommands.DeviceFor))} (libvirt domiftune unsupported: {why})"
            : $"not enforced: tc on {taps} failed: {problem} (libvirt domiftune unsupported: {why})";
    }

    private static string Rate(long? kbit) => kbit is { } k ? FormattableString.Invariant($"{k} kbit/s") : "unlimited";

    private static void Set(Dictionary<string, long> map, string vmiId, long? value)
    {
        if (value is { } v)
        {
            map[vmiId] = v;
        }
        else
        {
            map.Remove(vmiId);
        }
    }

    private void ForgetBandwidth(string vmiId)
    {
        _tcBandwidthKbit.Remove(vmiId);
        _tcOutboundKbit.Remove(vmiId);
        _bandwidthBy.Remove(vmiId);
        _domiftuneRefused.Remove(vmiId);
    }

    /// <summary>The host list's short form: the mechanism without per-VMI numbers and reasons.</summary>
    private List<string> BandwidthMechanisms() =>
    [
        .. _bandwidthBy.Values.Select(m => m.StartsWith("tc ", StringComparison.Ordinal) ? "tc (libvirt domiftune unsupported)"
                : m.StartsWith("not enforced: tc", StringComparison.Ordinal) ? "not enforced (tc failed)"
                : m.Contains("network enforcement is off", StringComparison.Ordinal) ? "not enforced (libvirt domiftune unsupported, network enforcement off)"
                : m.StartsWith("not enforced", StringComparison.Ordinal) ? "not enforced (libvirt domiftune unsupported)"
                : m)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];
}
