using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>
/// A registered <c>VIR_DOMAIN_EVENT_ID_LIFECYCLE</c> callback for every domain of a connection, and
/// optionally <c>VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE</c> (best effort: a driver without it just sends none).
/// Handlers run on the event-loop thread and must not block. Disposing deregisters; libvirt's free
/// callback then releases the handler. The subscription keeps the connection and the loop alive.
/// </summary>
internal sealed unsafe class LifecycleSubscription : IDisposable
{
    private readonly ConnectionHandle _connection;
    private readonly IDisposable _loop;
    private readonly int _callbackId;
    private readonly int _agentCallbackId = -1;
    private int _disposed;

    public LifecycleSubscription(LibvirtConnection connection, Action<LibvirtLifecycleEvent> handler, Action<LibvirtAgentEvent>? agentHandler = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handler);
        _connection = connection.Handle;
        _loop = LibvirtEventLoop.Acquire();
        var added = false;
        _connection.DangerousAddRef(ref added);
        var opaque = GCHandle.ToIntPtr(GCHandle.Alloc(handler));
        _callbackId = LibvirtNative.virConnectDomainEventRegisterAny(
            _connection, 0, LibvirtNative.DomainEventIdLifecycle, &OnLifecycle, opaque, &OnFree);
        if (_callbackId < 0)
        {
            var error = LibvirtException.FromLastError("virConnectDomainEventRegisterAny");
            // Not freeing the handler's GCHandle: some drivers call the free callback on failure too,
            // and a double free would crash; a leaked delegate per failed registration is the lesser harm.
            _connection.DangerousRelease();
            _loop.Dispose();
            throw error;
        }

        if (agentHandler is not null)
        {
            _agentCallbackId = LibvirtNative.virConnectDomainEventRegisterAnyVoid(
                _connection, 0, LibvirtNative.DomainEventIdAgentLifecycle, &OnAgentLifecycle, GCHandle.ToIntPtr(GCHandle.Alloc(agentHandler)), &OnFree);
            if (_agentCallbackId < 0)
            {
                LibvirtNative.virResetLastError(); // the handle is not freed, for the reason above
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Failure here means the connection is already gone, which also drops the callback.
        foreach (var id in new[] { _callbackId, _agentCallbackId }.Where(id => id >= 0))
        {
            if (LibvirtNative.virConnectDomainEventDeregisterAny(_connection, id) < 0)
            {
                LibvirtNative.virResetLastError();
            }
        }

        _connection.DangerousRelease();
        _loop.Dispose();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnLifecycle(nint connection, nint domain, int lifecycleEvent, int detail, nint opaque)
    {
        try
        {
            // The domain is borrowed from libvirt: read it, never free it.
            var handler = (Action<LibvirtLifecycleEvent>)GCHandle.FromIntPtr(opaque).Target!;
            var name = NativeStrings.Borrow(LibvirtNative.virDomainGetName(domain));
            var uuid = LibvirtDomain.ReadUuid(domain, "virDomainGetUUIDString");
            handler(new LibvirtLifecycleEvent(uuid, name, lifecycleEvent, detail));
        }
#pragma warning disable CA1031 // An exception must not unwind into libvirt's event loop.
        catch (Exception)
#pragma warning restore CA1031
        {
            LibvirtNative.virResetLastError();
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnAgentLifecycle(nint connection, nint domain, int state, int reason, nint opaque)
    {
        try
        {
            var handler = (Action<LibvirtAgentEvent>)GCHandle.FromIntPtr(opaque).Target!;
            var name = NativeStrings.Borrow(LibvirtNative.virDomainGetName(domain));
            var uuid = LibvirtDomain.ReadUuid(domain, "virDomainGetUUIDString");
            handler(new LibvirtAgentEvent(uuid, name, state == 1, reason));
        }
#pragma warning disable CA1031 // An exception must not unwind into libvirt's event loop.
        catch (Exception)
#pragma warning restore CA1031
        {
            LibvirtNative.virResetLastError();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFree(nint opaque) => GCHandle.FromIntPtr(opaque).Free();
}
