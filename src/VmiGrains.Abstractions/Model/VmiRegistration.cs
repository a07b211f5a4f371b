namespace VmiGrains.Abstractions.Model;

/// <summary>What a host knows of one of its VMIs when it discovers it; <see cref="Labels"/> are its domain metadata's labels (null: none).</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.VmiRegistration")]
public sealed record VmiRegistration(
    [property: Id(0)] string VmiId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Host,
    [property: Id(3)] int Vcpus,
    [property: Id(4)] ulong MaxMemoryKiB,
    [property: Id(5)] IReadOnlyList<string> Macs,
    [property: Id(6)] string? GuestAgentSocket,
    [property: Id(7)] IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Equal when every field is, the MACs element by element (a record compares lists by reference).</summary>
    public bool Equals(VmiRegistration? other) =>
        other is not null && VmiId == other.VmiId && Name == other.Name && Host == other.Host && Vcpus == other.Vcpus
        && MaxMemoryKiB == other.MaxMemoryKiB && GuestAgentSocket == other.GuestAgentSocket && Macs.SequenceEqual(other.Macs)
        && LabelSet.Same(Labels, other.Labels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(VmiId, Name, Host, Vcpus, MaxMemoryKiB, GuestAgentSocket, Macs.Count);
}
