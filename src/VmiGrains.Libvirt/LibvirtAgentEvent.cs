namespace VmiGrains.Libvirt;

/// <summary>A <c>VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE</c> callback, copied out of the borrowed domain.</summary>
/// <param name="Uuid">The domain.</param>
/// <param name="Name">Its name.</param>
/// <param name="Connected">True when the agent connected (state 1), false when it disconnected.</param>
/// <param name="Reason">libvirt's reason: 1 domain started, 2 channel (re)connected, 0 unknown.</param>
internal readonly record struct LibvirtAgentEvent(Guid Uuid, string Name, bool Connected, int Reason);
