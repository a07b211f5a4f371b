using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Model;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary>How <c>vmi rollout --dry-run</c> prints a what-if: a line on the plan, a row per VMI, the totals; or the report as JSON.</summary>
internal static class RolloutWhatIfOutput
{
    private static readonly string[] Counted = ["switch_profile", "set_weight", "shape_network", "run"];

    public static int Write(ParseResult result, InvocationConfiguration io, RolloutWhatIf report)
    {
        if (GlobalOptions.IsJson(result))
        {
            JsonOutput.Write(io.Output, report);
            return ExitCodes.Ok;
        }

        var o = io.Output;
        var t = report.Totals;
        o.WriteLine($"dry run (nothing changed): {report.Request.ProfileId} → v{report.ToVersion}: {t.Vmis} of {report.Selected} selected VMI(s) would move"
            + $" in {report.Waves.Count} wave(s) ({(report.Waves.Count == 0 ? "none" : string.Join(", ", report.Waves))}); {report.AlreadyOnTarget} already on v{report.ToVersion}"
            + (report.FromVersions.Count == 0 ? string.Empty : $"; now on {string.Join(", ", report.FromVersions)}"));
        Table.Write(o, ["VMI", "HOST", "FROM", "SWITCH TO", "WEIGHTS", "SHAPED", "RUNS", "ERRORS", "OTHER", "NOTE"], report.Vmis.Select(v => new[]
        {
            v.Name.Length > 0 ? v.Name : v.VmiId, v.Host, v.FromVersion is { } f ? $"v{f}" : "-", v.SwitchesTo ?? "-",
            N(v.Actions.GetValueOrDefault("set_weight")), N(v.Actions.GetValueOrDefault("shape_network")), N(v.Actions.GetValueOrDefault("run")),
            N(v.Errors + v.DisabledRules), N(v.Actions.Where(a => !Counted.Contains(a.Key)).Sum(a => a.Value)),
            v.Unreadable is { } u ? $"not replayed: {u}" : v.RulesPausedBy is { } p ? $"rules paused by {p}" : v.FirstError ?? "-",
        }));
        if (report.Omitted > 0)
        {
            o.WriteLine($"… {report.Omitted} more VMI(s) not listed (unaffected ones last); the totals count them");
        }

        o.WriteLine($"total: {t.SwitchProfile} would switch profile, {t.ChangeWeights} change weights, {t.Shaped} be shaped, {t.RunPrograms} run programs, "
            + $"{t.RuleErrors} hit rule errors; {t.Unaffected} unaffected, {t.Unreadable} not replayed");
        if (t.Actions.Count > 0)
        {
            o.WriteLine($"actions: {string.Join(", ", t.Actions.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {N(a.Value)}"))}");
        }

        if (report.RunningRollout is { } running)
        {
            o.WriteLine($"note: rollout {running} of this profile is running; starting another now would be refused");
        }

        return ExitCodes.Ok;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
