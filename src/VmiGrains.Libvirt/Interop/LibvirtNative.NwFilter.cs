using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

internal static partial class LibvirtNative
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virNWFilterDefineXML(ConnectionHandle connection, string xml);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virNWFilterLookupByName(ConnectionHandle connection, string name);

    [LibraryImport(Library)]
    public static partial int virNWFilterUndefine(nint filter);

    [LibraryImport(Library)]
    public static partial int virNWFilterFree(nint filter);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainUpdateDeviceFlags(DomainHandle domain, string xml, uint flags);
}
