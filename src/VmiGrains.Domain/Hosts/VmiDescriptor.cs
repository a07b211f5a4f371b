namespace VmiGrains.Domain.Hosts;

/// <summary>One VMI as discovered on a host.</summary>
/// <param name="Uuid">The hypervisor's UUID (the key of the VMI grain).</param>
/// <param name="Name">Domain name.</param>
/// <param name="State">Run state at discovery.</param>
/// <param name="Vcpus">Current virtual CPUs.</param>
/// <param name="MemoryKiB">Current memory (balloon target) in KiB.</param>
/// <param name="MaxMemoryKiB">Maximum memory in KiB (the upper bound of any memory target).</param>
/// <param name="Interfaces">Network interfaces.</param>
/// <param name="Disks">Disks (device type <c>disk</c> only).</param>
/// <param name="GuestAgentSocketPath">Host path of the QEMU guest agent's unix channel, when the domain has one.</param>
/// <param name="Labels">The VMI's labels from the domain's metadata (<see cref="Labels.VmiLabels"/>); null when it has none.</param>
public sealed record VmiDescriptor(
    Guid Uuid,
    string Name,
    DomainState State,
    int Vcpus,
    ulong MemoryKiB,
    ulong MaxMemoryKiB,
    IReadOnlyList<VmiInterface> Interfaces,
    IReadOnlyList<VmiDisk> Disks,
    string? GuestAgentSocketPath,
    IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Labels of the domain's metadata that were left out, each with why (for the host's log).</summary>
    public IReadOnlyList<string> DroppedLabels { get; init; } = [];
}
