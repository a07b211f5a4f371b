using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

internal static unsafe partial class LibvirtNative
{
    [LibraryImport(Library)]
    public static partial int virDomainFree(nint domain);

    [LibraryImport(Library)]
    public static partial int virDomainRef(nint domain);

    [LibraryImport(Library)]
    public static partial byte* virDomainGetName(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial byte* virDomainGetName(nint domain);

    [LibraryImport(Library)]
    public static partial int virDomainGetUUIDString(DomainHandle domain, byte* buffer);

    [LibraryImport(Library)]
    public static partial int virDomainGetUUIDString(nint domain, byte* buffer);

    [LibraryImport(Library)]
    public static partial byte* virDomainGetXMLDesc(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetInfo(DomainHandle domain, NativeDomainInfo* info);

    [LibraryImport(Library)]
    public static partial int virDomainCreate(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainDestroy(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainUndefine(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainSuspend(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainResume(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial byte* virDomainGetSchedulerType(DomainHandle domain, int* count);

    [LibraryImport(Library)]
    public static partial int virDomainGetSchedulerParameters(DomainHandle domain, NativeTypedParameter* parameters, int* count);

    [LibraryImport(Library)]
    public static partial int virDomainSetSchedulerParametersFlags(DomainHandle domain, NativeTypedParameter* parameters, int count, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainSetMemoryFlags(DomainHandle domain, CULong memoryKiB, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetMemoryParameters(DomainHandle domain, NativeTypedParameter* parameters, int* count, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainSetMemoryParameters(DomainHandle domain, NativeTypedParameter* parameters, int count, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainSetVcpusFlags(DomainHandle domain, uint count, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetVcpusFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetBlkioParameters(DomainHandle domain, NativeTypedParameter* parameters, int* count, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainSetBlkioParameters(DomainHandle domain, NativeTypedParameter* parameters, int count, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainGetInterfaceParameters(DomainHandle domain, string device, NativeTypedParameter* parameters, int* count, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainSetInterfaceParameters(DomainHandle domain, string device, NativeTypedParameter* parameters, int count, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainInterfaceStats(DomainHandle domain, string device, NativeInterfaceStats* stats, nuint size);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainBlockStats(DomainHandle domain, string disk, NativeBlockStats* stats, nuint size);

    [LibraryImport(Library)]
    public static partial int virDomainMemoryStats(DomainHandle domain, NativeMemoryStat* stats, uint count, uint flags);
}
