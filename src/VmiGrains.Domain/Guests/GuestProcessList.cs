namespace VmiGrains.Domain.Guests;

/// <summary>The observed applications' processes at one instant; <see cref="Truncated"/> when the guest listed only the first <see cref="ProcessListing.MaxProcesses"/>.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestProcessList")]
public sealed record GuestProcessList(
    [property: Id(0)] IReadOnlyList<GuestProcess> Processes,
    [property: Id(1)] bool Truncated);
