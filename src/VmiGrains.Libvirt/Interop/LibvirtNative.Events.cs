using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    public const int DomainEventIdLifecycle = 0;

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

    [LibraryImport(Library)]
    public static partial int virConnectDomainEventDeregisterAny(ConnectionHandle connection, int callbackId);
}
