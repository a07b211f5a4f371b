namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> events of a VMI, oldest first. Fixed slot count; each event is
/// itself bounded by the event limits of the ingest path (fields and string lengths).
/// </summary>
public sealed class RecentEvents
{
    private readonly TelemetryEvent?[] _ring;
    private int _next;
    private int _count;

    /// <summary>Creates an empty ring of <paramref name="capacity"/> events (1..256, default 16).</summary>
    public RecentEvents(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 256);
        _ring = new TelemetryEvent?[capacity];
    }

    /// <summary>How many events are kept at most.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Bytes held, including the events' strings.</summary>
    public int EstimatedBytes => 48 + (8 * _ring.Length) + _ring.Sum(e => e?.EstimatedBytes ?? 0);

    /// <summary>Adds an event, dropping the oldest when full.</summary>
    public void Add(TelemetryEvent telemetryEvent)
    {
        ArgumentNullException.ThrowIfNull(telemetryEvent);
        _ring[_next] = telemetryEvent;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    /// <summary>The events, oldest first.</summary>
    public IReadOnlyList<TelemetryEvent> ToList()
    {
        var list = new TelemetryEvent[_count];
        var start = (_next - _count + _ring.Length) % _ring.Length;
        for (var i = 0; i < _count; i++)
        {
            list[i] = _ring[(start + i) % _ring.Length]!;
        }

        return list;
    }
}
