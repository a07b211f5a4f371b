using System.Text;
using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// The <c>run_finished</c> event a rule's <c>run(...)</c> yields when its program ends, times out, or is
/// lost (its <see cref="TelemetryEvent.Source"/> is <see cref="EventSources.Run"/>): <c>rule</c>, <c>program</c>, <c>execution_id</c>, <c>state</c>
/// (exited|failed|lost), <c>exit_code</c> and <c>signal</c> when known, <c>timed_out</c>,
/// <c>duration_s</c>, and <c>stdout</c>/<c>stderr</c>/<c>error</c> cut to their first
/// <see cref="MaxOutputBytes"/> UTF-8 bytes.
/// </summary>
public static class RunFinished
{
    /// <summary>The event name.</summary>
    public const string EventName = "run_finished";

    /// <summary>Most bytes of each output summary.</summary>
    public const int MaxOutputBytes = 512;

    /// <summary>The event for the finished <paramref name="view"/> of a run started by a rule.</summary>
    public static TelemetryEvent ToEvent(ExecutionView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal)
        {
            ["rule"] = FieldValue.Of(view.Rule ?? string.Empty),
            ["program"] = FieldValue.Of(view.Program ?? string.Empty),
            ["execution_id"] = FieldValue.Of(view.ExecutionId),
            ["state"] = FieldValue.Of(view.State),
            ["timed_out"] = FieldValue.Of(view.TimedOut),
            ["duration_s"] = FieldValue.Of(Math.Round(Math.Max(0, (now - view.StartedAt).TotalSeconds), 3)),
            ["stdout"] = FieldValue.Of(Summary(view.Stdout)),
            ["stderr"] = FieldValue.Of(Summary(view.Stderr)),
        };
        if (view.ExitCode is { } code)
        {
            fields["exit_code"] = FieldValue.Of(code);
        }

        if (view.Signal is { } signal)
        {
            fields["signal"] = FieldValue.Of(signal);
        }

        if (view.Error is { } error)
        {
            fields["error"] = FieldValue.Of(Summary(error));
        }

        return new TelemetryEvent(now, EventName, fields) { Source = EventSources.Run };
    }

    /// <summary>The first <see cref="MaxOutputBytes"/> UTF-8 bytes of <paramref name="text"/>, never splitting a character.</summary>
    public static string Summary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) <= MaxOutputBytes)
        {
            return text;
        }

        var bytes = 0;
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxOutputBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            i += rune.Utf16SequenceLength;
        }

        return text[..i];
    }
}
