namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> events of a VMI, oldest first; each event is itself bounded by the
/// event limits of the ingest path (fields and string lengths). The ring starts empty and grows (4, 8, …,
/// <see cref="Capacity"/>) as events arrive: most VMIs receive few or none, and a full 64-slot ring
/// per VMI was 0.5 KiB each of 100,000 VMIs (a heap dump, 2026-12-04).
/// </summary>
public sealed class RecentEvents
{
    private readonly int _capacity;
    private TelemetryEvent?[] _ring = [];
    private int _next;
    private int _count;

    /// <summary>Creates an empty ring of at most <paramref name="capacity"/> events (1..256, default 16).</summary>
    public RecentEvents(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 256);
        _capacity = capacity;
    }

    /// <summary>How many events are kept at most.</summary>
    public int Capacity => _capacity;

    /// <summary>Bytes held, including the events' strings.</summary>
    public int EstimatedBytes => 48 + (8 * _ring.Length) + _ring.Sum(e => e?.EstimatedBytes ?? 0);

    /// <summary>How many events were ever added: the sequence number of the newest (the first is 1).</summary>
    public long Added { get; private set; }

    /// <summary>Adds an event, dropping the oldest when full.</summary>
    public void Add(TelemetryEvent telemetryEvent)
    {
        ArgumentNullException.ThrowIfNull(telemetryEvent);
        Added++;
        if (_count == _ring.Length && _ring.Length < _capacity)
        {
            // Not full yet, so nothing was overwritten: the events are in slots 0..count-1, oldest first.
            Array.Resize(ref _ring, Math.Min(_capacity, Math.Max(4, _ring.Length * 2)));
            _next = _count;
        }

        _ring[_next] = telemetryEvent;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    /// <summary>The events, oldest first.</summary>
    public IReadOnlyList<TelemetryEvent> ToList() => Last(_count);

    /// <summary>The newest <paramref name="count"/> events (or fewer), oldest first.</summary>
    public IReadOnlyList<TelemetryEvent> Last(int count)
    {
        var n = Math.Clamp(count, 0, _count);
        if (n == 0)
        {
            return [];
        }

        var list = new TelemetryEvent[n];
        var start = (_next - n + _ring.Length) % _ring.Length;
        for (var i = 0; i < n; i++)
        {
            list[i] = _ring[(start + i) % _ring.Length]!;
        }

        return list;
    }

    /// <summary>
    /// The events after sequence number <paramref name="after"/> still held, oldest first, each with its
    /// sequence number. An <paramref name="after"/> beyond <see cref="Added"/> belongs to an earlier ring
    /// (the grain re-activated): every event held is returned, so a follower does not go blind.
    /// </summary>
    public IReadOnlyList<(long Sequence, TelemetryEvent Event)> Since(long after)
    {
        after = after > Added ? 0 : after;
        var held = ToList();
        var first = Added - held.Count + 1;
        return [.. held.Select((e, i) => (first + i, e)).Where(p => p.Item1 > after)];
    }
}
