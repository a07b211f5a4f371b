using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Model;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary>How <c>vmi rollout</c> prints a rollout (table, or the view as JSON) and which exit code it means.</summary>
internal static class RolloutOutput
{
    public static int Write(ParseResult result, InvocationConfiguration io, RolloutView view, bool details = false)
    {
        if (GlobalOptions.IsJson(result))
        {
            JsonOutput.Write(io.Output, view);
        }
        else
        {
            io.Output.WriteLine($"{view.Id}: {view.Request.ProfileId} → v{view.ToVersion} {Status(view.Status)}: {view.Switched} of {view.Total} VMI(s) switched"
                + (view.StatusReason is null ? string.Empty : $" ({view.StatusReason})"));
            if (details)
            {
                Table.Write(io.Output, ["WAVE", "STATUS", "VMIS", "HOSTS", "SWITCHED", "ERRORS", "GATE"], view.Waves.Select(w => new[]
                {
                    w.Name, Status(w.Status), w.Vmis.ToString(CultureInfo.InvariantCulture), w.Hosts.Count.ToString(CultureInfo.InvariantCulture),
                    w.Hosts.Sum(h => h.Switched).ToString(CultureInfo.InvariantCulture), string.Join("; ", w.Hosts.SelectMany(h => h.Errors)) is { Length: > 0 } e ? e : "-", w.Gate ?? "-",
                }));
                foreach (var d in view.Decisions)
                {
                    io.Output.WriteLine($"{d.Time.ToString("u", CultureInfo.InvariantCulture)}  {d.Kind}  {d.What} — {d.Reason}");
                }
            }
        }

        return view.Status switch
        {
            RolloutStatus.Completed or RolloutStatus.Running or RolloutStatus.RollingBack => ExitCodes.Ok,
            _ => ExitCodes.Failure,
        };
    }

    public static void WriteList(ParseResult result, InvocationConfiguration io, IReadOnlyList<RolloutView> views)
    {
        if (GlobalOptions.IsJson(result))
        {
            JsonOutput.Write(io.Output, views);
            return;
        }

        Table.Write(io.Output, ["ID", "PROFILE", "TO", "STATUS", "SWITCHED", "STARTED", "BY"], views.Select(v => new[]
        {
            v.Id, v.Request.ProfileId, $"v{v.ToVersion}", Status(v.Status), $"{v.Switched}/{v.Total}",
            v.StartedAt.ToString("u", CultureInfo.InvariantCulture), v.StartedBy,
        }));
    }

    private static string Status<T>(T status) where T : struct, Enum => status.ToString().ToLowerInvariant();
}
