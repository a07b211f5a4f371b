namespace VmiGrains.Domain.Undo;

/// <summary>
/// Which temporary changes are due, and when the next one is. Rule: a change with an expiry is due
/// once its expiry is at or before now; one without an expiry is never due (it lasts until its
/// profile changes). The next expiry is the earliest one still pending, which is what a VMI tells
/// its host so that the host's sweep wakes it even when its grain is not active.
/// </summary>
public static class UndoExpiry
{
    /// <summary>The records of <paramref name="pending"/> whose expiry is at or before <paramref name="now"/>, in their order.</summary>
    public static List<T> Due<T>(IEnumerable<T> pending, Func<T, DateTimeOffset?> expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(expiresAt);
        return [.. pending.Where(p => expiresAt(p) is { } e && e <= now)];
    }

    /// <summary>The earliest expiry among <paramref name="pending"/>; null when none of them expires.</summary>
    public static DateTimeOffset? Next<T>(IEnumerable<T> pending, Func<T, DateTimeOffset?> expiresAt)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(expiresAt);
        return pending.Select(expiresAt).Where(e => e is not null).Min();
    }
}
