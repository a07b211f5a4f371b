using System.Globalization;
using VmiGrains.Abstractions.Model;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary>How <c>vmi vm show</c> prints a VMI for people.</summary>
internal static partial class VmCommands
{
    private static void WriteView(TextWriter o, VmiView v)
    {
        o.WriteLine($"{v.Name} ({v.VmiId}) on {v.Host}{(v.HostAvailable || v.Gone is not null ? string.Empty : " — HOST DOWN: its silo is not in the cluster; changes apply when it returns")}");
        if (v.Gone is { } gone)
        {
            o.WriteLine($"  GONE: {gone}");
        }

        if (v.IdentityConflict is { } conflict)
        {
            o.WriteLine($"  IDENTITY CONFLICT: {conflict}");
        }

        o.WriteLine($"  profile     {(v.ProfileId is null ? "(none)" : $"{v.ProfileId} v{v.ProfileVersion}")}");
        if (LabelText(v.Labels) is { } labels)
        {
            o.WriteLine($"  labels      {labels}");
        }

        if (v.EffectiveWeights is { } w)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  weights     cpu {w.Cpu:0.###}  ram {w.Ram:0.###}  network {w.Network:0.###}  storage {w.Storage:0.###}"));
        }

        o.WriteLine($"  allocation  {(v.Allocation is { } a ? Describe(a) : "(none)")}");
        foreach (var cap in v.Allocation?.Caps ?? [])
        {
            o.WriteLine($"  CAPPED      {cap}");
        }

        if (v.Allocation is { Unsupported.Count: > 0 } u)
        {
            o.WriteLine($"              not enforced by this host's driver: {string.Join(", ", u.Unsupported)}");
        }

        foreach (var n in v.Allocation?.NoEffect ?? [])
        {
            o.WriteLine($"              set, no effect on this host: {n}");
        }

        if (v.Allocation?.BandwidthEnforcement is { } by)
        {
            o.WriteLine($"              bandwidth enforced by: {by}");
        }

        o.WriteLine();
        Table.Write(o, ["METRIC", "LAST", "AVG", "P95", "MAX", "EWMA", "TREND/S", "SAMPLES"],
            v.Metrics.Select(m => new[] { m.Metric, F(m.Last), F(m.Avg), F(m.P95), F(m.Max), F(m.Ewma), F(m.Trend), m.Samples.ToString(CultureInfo.InvariantCulture) }));
        o.WriteLine();
        o.WriteLine(v.UndoRecords.Count == 0 ? "No temporary changes." : "Temporary changes (undone on expiry, profile switch or detach):");
        foreach (var u2 in v.UndoRecords)
        {
            o.WriteLine($"  {u2.Kind,-16} {u2.Description}  {(u2.ExpiresAt is { } e ? $"until {e:u}" : "until the profile changes")}");
        }

        foreach (var d in v.DisabledRules)
        {
            o.WriteLine($"  DISABLED rule {d}");
        }

        if (v.RulesPausedBy is { } pausedBy)
        {
            o.WriteLine($"  PAUSED: no rule is evaluated ({pausedBy})");
        }
    }

    private static void WriteCounters(TextWriter o, string host, (IReadOnlyList<NetworkRuleCounter> Counters, string? Missing) read)
    {
        if (read.Missing is { } why)
        {
            o.WriteLine();
            o.WriteLine($"Network rule counters: not read ({why})");
            return;
        }

        if (read.Counters.Count == 0)
        {
            return; // no chain of ours: enforcement off on that host, nwfilter, or no policy
        }

        o.WriteLine();
        o.WriteLine($"Network rules counted on {host} (nftables, since the chain was created):");
        Table.Write(o, ["CHAIN", "RULE", "PACKETS", "BYTES"], read.Counters.Select(c => new[]
            { c.Chain, c.Rule, c.Packets.ToString(CultureInfo.InvariantCulture), c.Bytes.ToString(CultureInfo.InvariantCulture) }));
    }

    private static string Describe(Allocation a) => string.Create(CultureInfo.InvariantCulture,
        $"cpu {a.CpuShare:P1} (weight {a.CpuWeight?.ToString(CultureInfo.InvariantCulture) ?? "-"}), ram {a.RamShare:P1} ({a.MemoryTargetKiB / 1024} MiB), network {a.NetworkShare:P1} ({a.BandwidthAverageKiBps} KiB/s), storage {a.StorageShare:P1} (blkio {a.BlkioWeight})");

    private static string F(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
