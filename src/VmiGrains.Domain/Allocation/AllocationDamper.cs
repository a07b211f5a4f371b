using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// Hysteresis and cooldown for allocations.
/// <para>
/// Rule: a planned share replaces the applied one only when it differs by at least
/// <see cref="DampingOptions.AbsoluteThreshold"/> and by at least <see cref="DampingOptions.RelativeThreshold"/>
/// of the applied value, and the resource has not changed within <see cref="DampingOptions.Cooldown"/>.
/// A first allocation and a forced one (profile change, operator request) always apply.
/// </para>
/// Pure: the caller keeps the <see cref="AppliedShares"/> records and the clock.
/// </summary>
public static class AllocationDamper
{
    /// <summary>
    /// The shares to apply now: <paramref name="planned"/> where it passes the thresholds, the applied
    /// value elsewhere. <paramref name="changed"/> is true when any resource moved.
    /// </summary>
    public static ResourceShares Damp(ResourceShares planned, AppliedShares? applied, DateTimeOffset now, DampingOptions options, bool force, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(options);
        if (applied is null || force)
        {
            changed = applied is null || applied.Shares != planned;
            return planned;
        }

        var moved = false;
        var result = ResourceShares.From(resource =>
        {
            var current = applied.Shares[resource];
            var wanted = planned[resource];
            var delta = Math.Abs(wanted - current);
            var coolingDown = now - applied.ChangedAt[(int)resource] < options.Cooldown;
            if (coolingDown || delta < options.AbsoluteThreshold || delta < options.RelativeThreshold * current)
            {
                return current;
            }

            moved = true;
            return wanted;
        });
        changed = moved;
        return result;
    }

    /// <summary>The new applied record after <see cref="Damp"/> returned <paramref name="shares"/>.</summary>
    public static AppliedShares Record(AppliedShares? previous, ResourceShares shares, DateTimeOffset now)
    {
        var times = new DateTimeOffset[4];
        foreach (var resource in Enum.GetValues<ResourceKind>())
        {
            var same = previous is not null && previous.Shares[resource] == shares[resource];
            times[(int)resource] = same ? previous!.ChangedAt[(int)resource] : now;
        }

        return new AppliedShares(shares, times);
    }
}
