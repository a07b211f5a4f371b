using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Benchmarks;

/// <summary>The baseline: plain <c>DllImport</c> on raw pointers, no SafeHandle, no error reading.</summary>
internal static partial class RawLibvirt
{
    private const string Library = "libvirt.so.0";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virConnectOpen(string name);

    [LibraryImport(Library)]
    public static partial int virConnectClose(nint connection);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virDomainLookupByName(nint connection, string name);

    [LibraryImport(Library)]
    public static partial int virDomainFree(nint domain);

    [LibraryImport(Library)]
    public static unsafe partial int virDomainGetInfo(nint domain, byte* info);

    [LibraryImport(Library)]
    public static unsafe partial int virConnectGetAllDomainStats(nint connection, uint stats, nint** records, uint flags);

    [LibraryImport(Library)]
    public static unsafe partial void virDomainStatsRecordListFree(nint* records);
}
