using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Model;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi vm events VMI [--follow]</c>: the event stream, pushed and observed.</summary>
internal static partial class VmCommands
{
    /// <summary>How often <c>--follow</c> asks for new events.</summary>
    private static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(1);

    private static Command Events()
    {
        var vmi = Args.Vmi();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events as they arrive (polls every second) until Ctrl-C" };
        var command = new Command("events",
            "The VMI's recent events (the last 64 its grain holds in memory), pushed through the API and observed in the guest, with their source "
            + "(pushed, replay, run, observer:users, observer:applications, observer:syscalls).\n\nExamples:\n  vmi vm events web-01\n  vmi vm events web-01 --follow -o json   # one JSON object per line")
        { vmi, follow };
        ClusterAction.Set(command, async (result, client, io, ct) =>
        {
            var grain = await Args.ResolveVmiAsync(client, result.GetValue(vmi)!);
            var json = GlobalOptions.IsJson(result);
            var events = await grain.GetEventsAsync();
            if (!result.GetValue(follow))
            {
                if (json)
                {
                    JsonOutput.Write(io.Output, events);
                }
                else
                {
                    Table.Write(io.Output, EventColumns, events.Select(EventRow));
                }

                return ExitCodes.Ok;
            }

            var last = 0L;
            try
            {
                while (true)
                {
                    foreach (var e in events)
                    {
                        io.Output.WriteLine(json ? JsonSerializer.Serialize(e, JsonOutput.Lines) : string.Join("  ", EventRow(e)));
                        last = e.Sequence;
                    }

                    await io.Output.FlushAsync(ct);
                    await Task.Delay(FollowEvery, ct);
                    events = await grain.GetEventsAsync(last);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static readonly string[] EventColumns = ["SEQ", "TIME", "SOURCE", "EVENT", "FIELDS"];

    private static string[] EventRow(VmiEvent e) =>
    [
        e.Sequence.ToString(CultureInfo.InvariantCulture), e.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), e.Source, e.Name,
        string.Join(" ", e.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")),
    ];
}
