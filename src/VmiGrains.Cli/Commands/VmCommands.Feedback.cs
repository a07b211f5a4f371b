using System.CommandLine;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Cluster;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi vm feedback</c>: push one sample and/or one event.</summary>
internal static partial class VmCommands
{
    private static Command Feedback()
    {
        var vmi = Args.Vmi();
        var cpu = new Option<double?>("--cpu") { Description = "CPU utilisation 0-1" };
        var mem = new Option<double?>("--mem") { Description = "Memory utilisation 0-1" };
        var rx = new Option<double?>("--net-rx") { Description = "Received bytes per second" };
        var tx = new Option<double?>("--net-tx") { Description = "Sent bytes per second" };
        var rd = new Option<double?>("--io-r") { Description = "Bytes read per second" };
        var wr = new Option<double?>("--io-w") { Description = "Bytes written per second" };
        var ev = new Option<string?>("--event") { Description = "A named event, e.g. login" };
        var fields = new Option<string[]>("--field") { Description = "An event field KEY=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("feedback", "Send telemetry to a VMI: a sample, an event, or both. Events run the rules' on_event at once.\n\n"
            + "Examples:\n  vmi vm feedback web-01 --cpu 0.95\n  vmi vm feedback web-01 --event login --field user=eve --field source_ip=203.0.113.7")
        { vmi, cpu, mem, rx, tx, rd, wr, ev, fields };
        ClusterAction.Set(command, async (result, client, io) =>
        {
            var sample = new FeedbackSample
            {
                Cpu = result.GetValue(cpu), Mem = result.GetValue(mem), NetRx = result.GetValue(rx),
                NetTx = result.GetValue(tx), IoRead = result.GetValue(rd), IoWrite = result.GetValue(wr),
            };
            var hasSample = sample != new FeedbackSample();
            var eventName = result.GetValue(ev);
            var fieldValues = result.GetValue(fields) ?? [];
            if (!hasSample && eventName is null)
            {
                throw new InvalidRequestException(new ValidationError("feedback", "nothing to send", null, "give at least one of --cpu, --mem, --net-rx, --net-tx, --io-r, --io-w, --event"));
            }

            if (eventName is null && fieldValues.Length > 0)
            {
                throw new InvalidRequestException(new ValidationError("--field", "fields belong to an event", null, "add --event NAME"));
            }

            var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in fieldValues)
            {
                var eq = field.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new InvalidRequestException(new ValidationError("--field", "must be KEY=VALUE", $"\"{field}\"", "write e.g. --field user=eve"));
                }

                parsed[field[..eq]] = field[(eq + 1)..];
            }

            var batch = new FeedbackBatch(hasSample ? [sample] : [], eventName is null ? [] : [new FeedbackEvent(eventName, parsed, null)]);
            await (await Args.ResolveVmiAsync(client, result.GetValue(vmi)!)).IngestAsync(batch);
            await io.Output.WriteLineAsync($"{result.GetValue(vmi)}: sent {batch.Samples.Count} sample(s), {batch.Events.Count} event(s)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
