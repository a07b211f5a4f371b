namespace VmiGrains.Abstractions.Profiles;

/// <summary>Firewall policy: rules in order, first match wins, then <see cref="Default"/>.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.NetworkPolicy")]
public sealed record NetworkPolicy(
    [property: Id(0)] PolicyDefault Default,
    [property: Id(1)] IReadOnlyList<NetworkRule> Rules)
{
    /// <summary>Allow everything, no rules.</summary>
    public static NetworkPolicy AllowAll { get; } = new(PolicyDefault.Allow, []);

    /// <summary>Structural equality: same default and the same rules in the same order.</summary>
    public bool Equals(NetworkPolicy? other) =>
        other is not null && Default == other.Default && Rules.SequenceEqual(other.Rules);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Default, Rules.Count);
}
