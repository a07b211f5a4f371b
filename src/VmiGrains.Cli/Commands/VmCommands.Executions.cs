using System.CommandLine;
using System.Globalization;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi vm executions VMI</c>: the programs started by <c>vmi exec</c> and by rules' <c>run(...)</c>.</summary>
internal static partial class VmCommands
{
    private static Command Executions()
    {
        var vmi = Args.Vmi();
        var command = new Command("executions", "Programs started in the guest by 'vmi exec' and by rules' run(...), oldest first (the last 50; output cut to its first KiBs).\n\nExample:\n  vmi vm executions web-01") { vmi };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var runs = await (await Args.ResolveVmiAsync(client, result.GetValue(vmi)!)).ListExecutionsAsync();
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, runs);
            }
            else
            {
                Table.Write(io.Output, ["STARTED", "ID", "BY", "PROGRAM", "PID", "NICE", "STATE", "EXIT", "OUTPUT"],
                    runs.Select(r => new[]
                    {
                        r.StartedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture), r.ExecutionId, r.Rule is { } rule ? $"rule {rule}" : "exec",
                        r.Program ?? "-", r.Pid.ToString(CultureInfo.InvariantCulture), r.Nice?.ToString(CultureInfo.InvariantCulture) ?? "-",
                        r.TimedOut ? $"{r.State} (timed out)" : r.State, r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? (r.Signal is { } s ? $"signal {s}" : "-"),
                        FirstLine(r.Error ?? (r.Stdout.Length > 0 ? r.Stdout : r.Stderr)),
                    }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0];
        return line.Length <= 60 ? line : string.Concat(line.AsSpan(0, 57), "...");
    }
}
