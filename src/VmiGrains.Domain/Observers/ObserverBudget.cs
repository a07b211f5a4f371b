using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Observers;

/// <summary>
/// Bounds the events the observers of one VMI raise: at most <see cref="PerPoll"/> from one poll and
/// <see cref="PerMinute"/> in any 60 s (a sliding window of admission times). What does not fit is
/// not queued: it becomes one <c>observer_dropped</c> event per poll carrying the <c>observer</c>, the
/// <c>count</c> dropped and the <c>names</c> of the dropped kinds — so a storm (a fork bomb of an
/// observed app, a login script looping) costs the rules at most PerPoll + 1 evaluations per poll.
/// </summary>
public sealed class ObserverBudget(int perPoll = ObserverBudget.DefaultPerPoll, int perMinute = ObserverBudget.DefaultPerMinute)
{
    /// <summary>Default events admitted from one poll.</summary>
    public const int DefaultPerPoll = 16;

    /// <summary>Default events admitted in any minute.</summary>
    public const int DefaultPerMinute = 120;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _admitted = new();

    /// <summary>Most events admitted from one poll.</summary>
    public int PerPoll { get; } = perPoll > 0 ? perPoll : throw new ArgumentOutOfRangeException(nameof(perPoll));

    /// <summary>Most events admitted in any minute.</summary>
    public int PerMinute { get; } = perMinute > 0 ? perMinute : throw new ArgumentOutOfRangeException(nameof(perMinute));

    /// <summary>Events dropped since this budget was created.</summary>
    public long Dropped { get; private set; }

    /// <summary>The events of one poll of <paramref name="source"/> that fit, in order, plus the summary when some did not.</summary>
    public IReadOnlyList<TelemetryEvent> Admit(IReadOnlyList<TelemetryEvent> events, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        while (_admitted.Count > 0 && now - _admitted.Peek() >= Window)
        {
            _admitted.Dequeue();
        }

        var room = Math.Min(PerPoll, PerMinute - _admitted.Count);
        if (events.Count <= room)
        {
            Note(events.Count, now);
            return events;
        }

        var admitted = events.Take(Math.Max(room, 0)).ToList();
        Note(admitted.Count, now);
        var dropped = events.Skip(admitted.Count).ToList();
        Dropped += dropped.Count;
        admitted.Add(new TelemetryEvent(now, ObservedEventNames.Dropped, new Dictionary<string, FieldValue>(StringComparer.Ordinal)
        {
            ["observer"] = FieldValue.Of(source),
            ["count"] = FieldValue.Of(dropped.Count),
            ["names"] = FieldValue.Of(string.Join(",", dropped.Select(e => e.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))),
            ["per_poll"] = FieldValue.Of(PerPoll),
            ["per_minute"] = FieldValue.Of(PerMinute),
        }) { Source = source });
        return admitted;
    }

    private void Note(int count, DateTimeOffset now)
    {
        for (var i = 0; i < count; i++)
        {
            _admitted.Enqueue(now);
        }
    }
}
