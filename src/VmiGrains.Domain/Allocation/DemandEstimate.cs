using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// A VMI's measured use per resource, from the EWMA of its default window, in absolute units:
/// CPUs, memory KiB, network KiB/s (rx + tx), storage KiB/s (read + write); infinity where nothing
/// was measured yet. No headroom: <see cref="WorkConservingPolicy"/> adds its own margin and probes
/// VMIs found at their limit, so a cap never traps a VMI's demand.
/// </summary>
public static class DemandEstimate
{
    /// <summary>Demand that moved less than this fraction is not worth a new claim.</summary>
    public const double ChangeThreshold = 0.10;

    /// <summary>The use measured in <paramref name="window"/> of a VMI with <paramref name="vcpus"/> and <paramref name="maxMemoryKiB"/>.</summary>
    public static ResourceVector From(WindowSummary window, int vcpus, ulong maxMemoryKiB)
    {
        ArgumentNullException.ThrowIfNull(window);
        var cpu = window[MetricKind.Cpu];
        var mem = window[MetricKind.Mem];
        var (rx, tx) = (window[MetricKind.NetRx], window[MetricKind.NetTx]);
        var (rd, wr) = (window[MetricKind.IoRead], window[MetricKind.IoWrite]);
        return new(
            cpu.Samples > 0 ? cpu.Ewma * vcpus : double.PositiveInfinity,
            mem.Samples > 0 ? mem.Ewma * maxMemoryKiB : double.PositiveInfinity,
            rx.Samples + tx.Samples > 0 ? (Finite(rx.Ewma) + Finite(tx.Ewma)) / 1024 : double.PositiveInfinity,
            rd.Samples + wr.Samples > 0 ? (Finite(rd.Ewma) + Finite(wr.Ewma)) / 1024 : double.PositiveInfinity);
    }

    /// <summary>True when <paramref name="current"/> moved at least <see cref="ChangeThreshold"/> from <paramref name="previous"/>, or between known and unknown.</summary>
    public static bool Changed(ResourceVector? previous, ResourceVector current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            return true;
        }

        foreach (var r in Enum.GetValues<ResourceKind>())
        {
            var (a, b) = (previous[r], current[r]);
            if (double.IsInfinity(a) != double.IsInfinity(b) || (double.IsFinite(a) && Math.Abs(a - b) > ChangeThreshold * Math.Max(Math.Abs(a), 1e-9)))
            {
                return true;
            }
        }

        return false;
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
