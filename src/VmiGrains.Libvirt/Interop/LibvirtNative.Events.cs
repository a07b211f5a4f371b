using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    public const int DomainEventIdLifecycle = 0;

    /// <summary>VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: the guest agent connected or disconnected.</summary>
    public const int DomainEventIdAgentLifecycle = 18;

    [LibraryImport(Library)]
    public static partial int virEventRegisterDefaultImpl();

    [LibraryImport(Library)]
    public static partial int virEventRunDefaultImpl();

    [LibraryImport(Library)]
    public static partial int virEventAddTimeout(int timeoutMs, delegate* unmanaged[Cdecl]<int, nint, void> callback, nint opaque, nint free);

    [LibraryImport(Library)]
    public static partial int virEventRemoveTimeout(int timer);

    [LibraryImport(Library)]
    public static partial int virConnectDomainEventRegisterAny(
        ConnectionHandle connection,
        nint domain,
        int eventId,
        delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, int> callback,
        nint opaque,
        delegate* unmanaged[Cdecl]<nint, void> free);

    /// <summary>virConnectDomainEventRegisterAny for callbacks that return nothing (agent lifecycle).</summary>
    [LibraryImport(Library, EntryPoint = "virConnectDomainEventRegisterAny")]
    public static partial int virConnectDomainEventRegisterAnyVoid(
        ConnectionHandle connection,
        nint domain,
        int eventId,
        delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, void> callback,
        nint opaque,
        delegate* unmanaged[Cdecl]<nint, void> free);

    [LibraryImport(Library)]
    public static partial int virConnectDomainEventDeregisterAny(ConnectionHandle connection, int callbackId);
}
