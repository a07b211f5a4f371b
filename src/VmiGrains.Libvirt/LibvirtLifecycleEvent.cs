namespace VmiGrains.Libvirt;

/// <summary>A <c>VIR_DOMAIN_EVENT_ID_LIFECYCLE</c> callback, copied out of the borrowed domain.</summary>
internal readonly record struct LibvirtLifecycleEvent(Guid Uuid, string Name, int Event, int Detail);
