using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// The renices that take a guest from one profile's application priorities to the next. Rule: every
/// application the next profile names gets its priority; an application only the previous profile
/// named goes back to normal (nice 0), because the priority belonged to that profile — without this,
/// a switch or detach would leave the old personality's priorities behind in the guest.
/// </summary>
public static class PriorityChanges
{
    /// <summary>The priorities to apply, next profile's first, then the resets (ordinal by app).</summary>
    public static IReadOnlyList<ApplicationPriority> Between(IReadOnlyList<ApplicationPriority>? previous, IReadOnlyList<ApplicationPriority>? next)
    {
        next ??= [];
        var named = next.Select(p => p.App).ToHashSet(StringComparer.Ordinal);
        var resets = (previous ?? []).Where(p => !named.Contains(p.App) && p.Nice != 0)
            .Select(p => new ApplicationPriority(p.App, PriorityLevel.Normal, 0))
            .OrderBy(p => p.App, StringComparer.Ordinal);
        return [.. next, .. resets];
    }
}
