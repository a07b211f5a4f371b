using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>The shares last applied to a VMI and when each resource last changed (indexed by <c>ResourceKind</c>).</summary>
public sealed record AppliedShares(ResourceVector Shares, IReadOnlyList<DateTimeOffset> ChangedAt)
{
    /// <summary>The record after <paramref name="shares"/> were applied at <paramref name="now"/>: unchanged resources keep their time.</summary>
    public static AppliedShares After(AppliedShares? previous, ResourceVector shares, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var times = new DateTimeOffset[4];
        foreach (var resource in Enum.GetValues<ResourceKind>())
        {
            var same = previous is not null && previous.Shares[resource] == shares[resource];
            times[(int)resource] = same ? previous!.ChangedAt[(int)resource] : now;
        }

        return new AppliedShares(shares, times);
    }
}
