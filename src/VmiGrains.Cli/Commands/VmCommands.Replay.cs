using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Input;
using VmiGrains.Cli.Output;
using VmiGrains.Domain.Telemetry;
using VmiGrains.Rules.Replay;

namespace VmiGrains.Cli.Commands;

/// <summary>
/// <c>vmi vm replay VMI FILE</c>: streams a recorded telemetry trace (the JSONL of
/// <c>vmi rules test</c>) into a live VMI in real time, so its rules fire as they would in production.
/// </summary>
internal static partial class VmCommands
{
    private static Command Replay()
    {
        var vmi = Args.Vmi();
        var file = new Argument<string>("TELEMETRY.jsonl") { Description = "Recorded samples and events (see examples/telemetry/)" };
        var speed = new Option<double>("--speed") { Description = "Replay speed: 2 plays twice as fast", DefaultValueFactory = _ => 1.0 };
        var command = new Command("replay", "Stream a recorded telemetry trace into a live VMI, keeping the trace's timing.\n\n"
            + "Example:\n  vmi vm replay web-01 examples/telemetry/render-burst.jsonl --speed 4") { vmi, file, speed };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var factor = result.GetValue(speed);
            if (!double.IsFinite(factor) || factor is <= 0 or > 1000)
            {
                throw new InvalidRequestException(new ValidationError("--speed", "must be between 0 (exclusive) and 1000", factor.ToString(CultureInfo.InvariantCulture), "use e.g. 1 for real time or 10 for ten times faster"));
            }

            var path = result.GetValue(file)!;
            string text;
            try
            {
                var (decoded, decodeError) = await InputFile.TryReadAsync(path);
                if (decoded is null)
                {
                    ErrorLines.Write(io.Error, path, [decodeError!]);
                    return ExitCodes.InvalidInput;
                }

                text = decoded;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidRequestException(new ValidationError(path, $"cannot read the file: {ex.Message.TrimEnd('.')}", null, "check the path"));
            }

            var records = TelemetryJsonl.Parse(text, out var errors);
            if (errors.Count > 0)
            {
                ErrorLines.Write(io.Error, path, errors);
                return ExitCodes.InvalidInput;
            }

            var grain = await Args.ResolveVmiAsync(client, result.GetValue(vmi)!);
            var start = DateTimeOffset.UtcNow;
            var origin = records.Count > 0 ? records[0].Timestamp : start;
            foreach (var record in records)
            {
                var due = start + ((record.Timestamp - origin) / factor);
                if (due > DateTimeOffset.UtcNow)
                {
                    await Task.Delay(due - DateTimeOffset.UtcNow);
                }

                var now = DateTimeOffset.UtcNow;
                await grain.IngestAsync(new FeedbackBatch(
                    record.Sample is { } s ? [ToFeedback(s, now)] : [],
                    record.Event is { } e ? [new FeedbackEvent(e.Name, e.Fields.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), now)] : []));
            }

            await io.Output.WriteLineAsync($"{result.GetValue(vmi)}: replayed {records.Count} record(s) from {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static FeedbackSample ToFeedback(TelemetrySample s, DateTimeOffset now) => new()
    {
        Timestamp = now,
        Cpu = Known(s.Cpu),
        Mem = Known(s.Mem),
        NetRx = Known(s.NetRx),
        NetTx = Known(s.NetTx),
        IoRead = Known(s.IoRead),
        IoWrite = Known(s.IoWrite),
    };

    private static double? Known(double value) => double.IsNaN(value) ? null : value;
}
