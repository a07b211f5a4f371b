namespace VmiGrains.Domain.Rules;

/// <summary>
/// One fallback tick a <see cref="TickWheel{TKey}"/> found due: whose (<paramref name="Key"/> and the
/// registration's <paramref name="Ticket"/>), for which due time, and when the wheel will call it next.
/// </summary>
/// <param name="Key">The registered VMI.</param>
/// <param name="Ticket">The registration it was found under; a newer registration of the key has another.</param>
/// <param name="Due">The due time this turn is for.</param>
/// <param name="Next">The due time the wheel moved the entry to (<see cref="TickSchedule.NextTimer"/>).</param>
public readonly record struct DueTick<TKey>(TKey Key, long Ticket, TimeSpan Due, TimeSpan Next);
