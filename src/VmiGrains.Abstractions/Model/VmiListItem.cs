namespace VmiGrains.Abstractions.Model;

/// <summary>A row of <c>vmi vm list</c>; <see cref="Labels"/> are the VMI's labels (null: none), what rollouts and lists select by.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.VmiListItem")]
public sealed record VmiListItem(
    [property: Id(0)] string VmiId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Host,
    [property: Id(3)] string? ProfileId,
    [property: Id(4)] int? ProfileVersion,
    [property: Id(5)] IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Equal when every field is, the labels as sets of pairs (a record compares dictionaries by reference).</summary>
    public bool Equals(VmiListItem? other) =>
        other is not null && VmiId == other.VmiId && Name == other.Name && Host == other.Host && ProfileId == other.ProfileId
        && ProfileVersion == other.ProfileVersion && LabelSet.Same(Labels, other.Labels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(VmiId, Name, Host, ProfileId, ProfileVersion, Labels?.Count ?? 0);
}
