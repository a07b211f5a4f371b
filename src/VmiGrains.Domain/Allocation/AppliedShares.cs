namespace VmiGrains.Domain.Allocation;

/// <summary>The shares last applied to a VMI and when each resource last changed (indexed by <c>ResourceKind</c>).</summary>
public sealed record AppliedShares(ResourceShares Shares, IReadOnlyList<DateTimeOffset> ChangedAt);
