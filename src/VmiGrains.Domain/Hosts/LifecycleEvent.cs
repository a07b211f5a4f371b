namespace VmiGrains.Domain.Hosts;

/// <summary>A lifecycle event of a VMI on a host.</summary>
/// <param name="Uuid">The VMI.</param>
/// <param name="Name">Domain name.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">The hypervisor's detail code for <paramref name="Kind"/> (e.g. destroyed vs shut down).</param>
/// <param name="Timestamp">When the event was received.</param>
public sealed record LifecycleEvent(Guid Uuid, string Name, LifecycleEventKind Kind, int Detail, DateTimeOffset Timestamp);
