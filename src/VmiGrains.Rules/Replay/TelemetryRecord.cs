using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Replay;

/// <summary>One line of a telemetry file: a sample or an event (exactly one is set), with its line number.</summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Sample">The sample, or null.</param>
/// <param name="Event">The event, or null.</param>
public sealed record TelemetryRecord(int Line, TelemetrySample? Sample, TelemetryEvent? Event)
{
    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp => Sample?.Timestamp ?? Event!.Timestamp;
}
