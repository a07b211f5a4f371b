using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ConnectionHandle virConnectOpen(string? name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ConnectionHandle virConnectOpenReadOnly(string? name);

    [LibraryImport(Library)]
    public static partial int virConnectClose(nint connection);

    [LibraryImport(Library)]
    public static partial int virNodeGetInfo(ConnectionHandle connection, NativeNodeInfo* info);

    [LibraryImport(Library)]
    public static partial byte* virConnectGetHostname(ConnectionHandle connection);

    [LibraryImport(Library)]
    public static partial byte* virConnectGetType(ConnectionHandle connection);

    [LibraryImport(Library)]
    public static partial int virConnectListAllDomains(ConnectionHandle connection, nint** domains, uint flags);

    [LibraryImport(Library)]
    public static partial int virConnectGetAllDomainStats(ConnectionHandle connection, uint stats, NativeDomainStatsRecord*** records, uint flags);

    [LibraryImport(Library)]
    public static partial void virDomainStatsRecordListFree(NativeDomainStatsRecord** records);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainLookupByUUIDString(ConnectionHandle connection, string uuid);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainLookupByName(ConnectionHandle connection, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainDefineXML(ConnectionHandle connection, string xml);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainCreateXML(ConnectionHandle connection, string xml, uint flags);

    [LibraryImport(Library)]
    public static partial int virConnectNumOfNWFilters(ConnectionHandle connection);
}
