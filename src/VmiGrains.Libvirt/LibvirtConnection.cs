using System.Runtime.InteropServices;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>
/// One libvirt connection (<c>virConnectPtr</c>). libvirt connections are thread-safe: share one per
/// host. Every failing call throws <see cref="LibvirtException"/> carrying libvirt's code and message.
/// </summary>
internal sealed unsafe partial class LibvirtConnection : IDisposable
{
    // A connection to a daemon (qemu:///system, qemu+unix://…) runs libvirt's keepalive because the default
    // event implementation is registered (LibvirtRuntime), and keepalive is answered only while that loop
    // runs: without it libvirtd closes a connection idle for keepalive_interval × keepalive_count (5 × 5 s
    // by default) and every later call fails with "client socket is closed". The in-process test driver
    // has no keepalive, so it does not hold the loop.
    private readonly IDisposable? _eventLoop;

    private LibvirtConnection(ConnectionHandle handle, string uri)
    {
        Handle = handle;
        Uri = uri;
        _eventLoop = uri.StartsWith("test:", StringComparison.OrdinalIgnoreCase) ? null : LibvirtEventLoop.Acquire();
    }

    /// <summary>The URI the connection was opened with.</summary>
    public string Uri { get; }

    internal ConnectionHandle Handle { get; }

    /// <summary>Opens <paramref name="uri"/> (e.g. <c>test:///default</c>, <c>qemu:///system</c>).</summary>
    public static LibvirtConnection Open(string uri, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        LibvirtRuntime.EnsureInitialized();
        var handle = readOnly ? LibvirtNative.virConnectOpenReadOnly(uri) : LibvirtNative.virConnectOpen(uri);
        if (handle.IsInvalid)
        {
            var error = LibvirtException.FromLastError($"virConnectOpen('{uri}')");
            handle.Dispose();
            throw error;
        }

        return new LibvirtConnection(handle, uri);
    }

    /// <summary><c>virNodeGetInfo</c>.</summary>
    public LibvirtNodeInfo GetNodeInfo()
    {
        NativeNodeInfo info;
        if (LibvirtNative.virNodeGetInfo(Handle, &info) < 0)
        {
            throw LibvirtException.FromLastError("virNodeGetInfo");
        }

        return new LibvirtNodeInfo(
            NativeStrings.Borrow(info.Model),
            info.Memory.Value,
            (int)info.Cpus,
            (int)info.Mhz,
            (int)info.Nodes,
            (int)info.Sockets,
            (int)info.Cores,
            (int)info.Threads);
    }

    /// <summary>The host name as the driver reports it.</summary>
    public string GetHostname()
    {
        var name = LibvirtNative.virConnectGetHostname(Handle);
        return name is null ? throw LibvirtException.FromLastError("virConnectGetHostname") : NativeStrings.Take(name);
    }

    /// <summary>The driver's name (<c>QEMU</c>, <c>TEST</c>, ...).</summary>
    public string GetDriverType()
    {
        var type = LibvirtNative.virConnectGetType(Handle);
        return type is null ? throw LibvirtException.FromLastError("virConnectGetType") : NativeStrings.Borrow(type);
    }

    /// <summary>True when the driver implements network filters (probes <c>virConnectNumOfNWFilters</c>).</summary>
    public bool SupportsNetworkFilters()
    {
        if (LibvirtNative.virConnectNumOfNWFilters(Handle) >= 0)
        {
            return true;
        }

        var error = LibvirtException.FromLastError("virConnectNumOfNWFilters");
        return LibvirtErrorCodes.IsUnsupported(error.Code) ? false : throw error;
    }

    /// <summary>Every domain (<c>virConnectListAllDomains</c>); the caller disposes each one.</summary>
    public LibvirtDomain[] ListAllDomains(uint flags = 0)
    {
        nint* domains;
        var count = LibvirtNative.virConnectListAllDomains(Handle, &domains, flags);
        if (count < 0)
        {
            throw LibvirtException.FromLastError("virConnectListAllDomains");
        }

        try
        {
            var result = new LibvirtDomain[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = new LibvirtDomain(new DomainHandle(domains[i]));
            }

            return result;
        }
        finally
        {
            // The array is ours to free; its elements now belong to the handles.
            NativeMemory.Free(domains);
        }
    }

    /// <summary>The domain with <paramref name="uuid"/>; throws (code 42) when there is none.</summary>
    public LibvirtDomain LookupByUuid(Guid uuid) =>
        Wrap(LibvirtNative.virDomainLookupByUUIDString(Handle, uuid.ToString("D")), "virDomainLookupByUUIDString");

    /// <summary>The domain with <paramref name="uuid"/>, or <see langword="null"/> when there is none.</summary>
    public LibvirtDomain? TryLookupByUuid(Guid uuid)
    {
        try
        {
            return LookupByUuid(uuid);
        }
        catch (LibvirtException e) when (e.Code == LibvirtErrorCodes.NoDomain)
        {
            return null;
        }
    }

    /// <summary>The domain named <paramref name="name"/>; throws (code 42) when there is none.</summary>
    public LibvirtDomain LookupByName(string name) =>
        Wrap(LibvirtNative.virDomainLookupByName(Handle, name), "virDomainLookupByName");

    /// <summary>Defines (persists) a domain from XML.</summary>
    public LibvirtDomain DefineXml(string xml) => Wrap(LibvirtNative.virDomainDefineXML(Handle, xml), "virDomainDefineXML");

    /// <summary>Starts a transient domain from XML.</summary>
    public LibvirtDomain CreateXml(string xml, uint flags = 0) => Wrap(LibvirtNative.virDomainCreateXML(Handle, xml, flags), "virDomainCreateXML");

    /// <summary>Closes the connection once every domain handle and subscription using it is gone.</summary>
    public void Dispose()
    {
        Handle.Dispose();
        _eventLoop?.Dispose();
    }

    private static LibvirtDomain Wrap(DomainHandle handle, string operation)
    {
        if (handle.IsInvalid)
        {
            var error = LibvirtException.FromLastError(operation);
            handle.Dispose();
            throw error;
        }

        return new LibvirtDomain(handle);
    }
}
