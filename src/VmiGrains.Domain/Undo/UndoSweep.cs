namespace VmiGrains.Domain.Undo;

/// <summary>
/// A host's sweep over its VMIs' next undo expiries (VMI id → the earliest expiry it reported).
/// Rule: a VMI is woken once its expiry has come; if it is still listed as due
/// <see cref="Retry"/> later (its wake-up was lost with a dying silo, or its undo could not reach the
/// host) it is woken again. A VMI leaves the list when it reports a later expiry or none.
/// The host calls its VMIs one-way, so the sweep never waits on them.
/// </summary>
public sealed class UndoSweep(TimeSpan retry)
{
    private readonly Dictionary<string, DateTimeOffset> _woken = new(StringComparer.Ordinal);

    /// <summary>How long after waking a VMI the sweep wakes it again while it is still due.</summary>
    public TimeSpan Retry { get; } = retry;

    /// <summary>The VMIs of <paramref name="schedule"/> to wake now, earliest expiry first; each is remembered as woken at <paramref name="now"/>.</summary>
    public List<string> Due(IReadOnlyDictionary<string, DateTimeOffset> schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        foreach (var gone in _woken.Keys.Where(k => !schedule.ContainsKey(k)).ToList())
        {
            _woken.Remove(gone);
        }

        var due = schedule
            .Where(s => s.Value <= now && (!_woken.TryGetValue(s.Key, out var at) || now - at >= Retry))
            .OrderBy(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Key).ToList();
        foreach (var id in due)
        {
            _woken[id] = now;
        }

        return due;
    }

    /// <summary>Forgets that <paramref name="vmiId"/> was woken (it reported a new expiry): a new expiry is woken at once.</summary>
    public void Reported(string vmiId) => _woken.Remove(vmiId);
}
