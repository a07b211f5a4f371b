namespace VmiGrains.Domain.Rules;

/// <summary>
/// The fallback timers of many VMIs as one hashed timing wheel. Rule: each registered key has a due
/// time and a period; time is cut into slots of <see cref="SlotSize"/>, and an entry sits in the
/// bucket of its due slot (modulo <see cref="SlotCount"/>; one further away waits its turn, it is
/// skipped until its round comes). <see cref="TakeDue"/> visits the buckets from the last slot it
/// visited up to the slot of <c>now</c> — never more than one revolution — and returns every entry
/// whose due time has come, never one early, each moved on to <see cref="TickSchedule.NextTimer"/>
/// (fixed rate: a late turn does not shift the phase; a missed period is skipped, not made up in a
/// burst). A driver that calls it at each <see cref="NextSlotStart"/> runs each tick at most one slot late. Re-phasing (a
/// host sample ran the tick) is <see cref="Reschedule"/>. Every registration gets its own ticket, so
/// a stale registration's removal or turn cannot touch a newer one of the same key. All operations
/// are O(1) except <see cref="TakeDue"/>, which costs the entries of the visited buckets. Not
/// thread-safe: the driver locks.
/// </summary>
public sealed class TickWheel<TKey>
    where TKey : notnull
{
    /// <summary>Buckets on the wheel: 1,024 slots of 100 ms cover 102 s, beyond any usual interval.</summary>
    public const int SlotCount = 1024;

    private readonly List<Entry>[] _buckets = new List<Entry>[SlotCount];
    private readonly Dictionary<TKey, Entry> _entries = [];
    private long _nextTicket;
    private long _cursor = -1;

    /// <summary>A wheel of <paramref name="slotSize"/> slots; tickets count up from <paramref name="firstTicket"/>.</summary>
    public TickWheel(TimeSpan slotSize, long firstTicket = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slotSize, TimeSpan.Zero);
        SlotSize = slotSize;
        _nextTicket = firstTicket;
        for (var i = 0; i < SlotCount; i++)
        {
            _buckets[i] = [];
        }
    }

    /// <summary>How much time one slot covers: a tick runs at most this late (plus the driver's own delay).</summary>
    public TimeSpan SlotSize { get; }

    /// <summary>How many keys are registered.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Registers <paramref name="key"/> (replacing any registration it had) with its first turn at
    /// <paramref name="due"/> and one every <paramref name="period"/> after; returns the ticket.
    /// </summary>
    public long Add(TKey key, TimeSpan period, TimeSpan due)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (_entries.Remove(key, out var old))
        {
            Unplace(old);
        }

        var entry = new Entry(key, _nextTicket++, period) { Due = due };
        _entries.Add(key, entry);
        Place(entry);
        return entry.Ticket;
    }

    /// <summary>Moves the next turn of <paramref name="key"/>'s registration <paramref name="ticket"/> to <paramref name="due"/>; false when that registration is gone.</summary>
    public bool Reschedule(TKey key, long ticket, TimeSpan due)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Ticket != ticket)
        {
            return false;
        }

        Unplace(entry);
        entry.Due = due;
        Place(entry);
        return true;
    }

    /// <summary>Removes <paramref name="key"/>'s registration <paramref name="ticket"/>; a newer registration of the key stays.</summary>
    public bool Remove(TKey key, long ticket)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Ticket != ticket)
        {
            return false;
        }

        _entries.Remove(key);
        Unplace(entry);
        return true;
    }

    /// <summary>
    /// When the slot after <paramref name="now"/>'s begins: a driver that wakes at slot starts (not every
    /// <see cref="SlotSize"/> from whenever it last woke) keeps each VMI's lateness the same from turn to
    /// turn, so a fixed-rate timer shows no drift from the wheel.
    /// </summary>
    public TimeSpan NextSlotStart(TimeSpan now) => TimeSpan.FromTicks((SlotOf(now) + 1) * SlotSize.Ticks);

    /// <summary>Adds to <paramref name="into"/> every turn due at <paramref name="now"/> and moves each entry to its next turn.</summary>
    public void TakeDue(TimeSpan now, List<DueTick<TKey>> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var current = SlotOf(now);
        var from = _cursor < 0 ? current - SlotCount + 1 : _cursor;
        from = Math.Max(from, current - SlotCount + 1); // a stalled driver: one revolution sees every bucket
        for (var slot = from; slot <= current; slot++)
        {
            var bucket = _buckets[Index(slot)];
            for (var i = bucket.Count - 1; i >= 0; i--)
            {
                // Downwards: what swap-remove moves into i was visited already, or was placed by this pass.
                var entry = bucket[i];
                if (entry.Due <= now)
                {
                    Unplace(entry);
                    var next = TickSchedule.NextTimer(entry.Due, entry.Period, now);
                    into.Add(new DueTick<TKey>(entry.Key, entry.Ticket, entry.Due, next));
                    entry.Due = next;
                    Place(entry);
                }
            }
        }

        // The current slot is visited again next time: entries due later in it are still waiting.
        _cursor = Math.Max(_cursor, current);
    }

    private long SlotOf(TimeSpan t) => t.Ticks >= 0 ? t.Ticks / SlotSize.Ticks : ((t.Ticks + 1) / SlotSize.Ticks) - 1;

    private static int Index(long slot) => (int)(slot & (SlotCount - 1));

    private void Place(Entry entry)
    {
        // A due time the cursor has passed goes into the cursor's bucket, which is visited next.
        var slot = _cursor < 0 ? SlotOf(entry.Due) : Math.Max(SlotOf(entry.Due), _cursor);
        var bucket = _buckets[Index(slot)];
        entry.Bucket = bucket;
        entry.Index = bucket.Count;
        bucket.Add(entry);
    }

    private static void Unplace(Entry entry)
    {
        var bucket = entry.Bucket!;
        var last = bucket[^1];
        bucket[entry.Index] = last;
        last.Index = entry.Index;
        bucket.RemoveAt(bucket.Count - 1);
        entry.Bucket = null;
    }

    private sealed class Entry(TKey key, long ticket, TimeSpan period)
    {
        public TKey Key { get; } = key;

        public long Ticket { get; } = ticket;

        public TimeSpan Period { get; } = period;

        public TimeSpan Due { get; set; }

        public List<Entry>? Bucket { get; set; }

        public int Index { get; set; }
    }
}
