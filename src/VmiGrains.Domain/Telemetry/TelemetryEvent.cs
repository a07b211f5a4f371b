namespace VmiGrains.Domain.Telemetry;

/// <summary>A named event from a guest or external telemetry, e.g. <c>login</c> with its fields.</summary>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Name">The event name, e.g. <c>login</c>, <c>app_start</c>.</param>
/// <param name="Fields">Scalar fields, e.g. <c>user</c>, <c>source_ip</c>, <c>failed_attempts</c>.</param>
public sealed record TelemetryEvent(
    DateTimeOffset Timestamp,
    string Name,
    IReadOnlyDictionary<string, FieldValue> Fields)
{
    /// <summary>Where the event came from (<see cref="EventSources"/>): pushed through the API, replayed, or an observer.</summary>
    public string Source { get; init; } = EventSources.Pushed;

    /// <summary>Approximate bytes held (strings as UTF-16), used for memory accounting.</summary>
    public int EstimatedBytes
    {
        get
        {
            var bytes = 64 + (2 * Name.Length) + (2 * Source.Length);
            foreach (var (key, value) in Fields)
            {
                bytes += 32 + (2 * key.Length) + value.Size;
            }

            return bytes;
        }
    }
}
