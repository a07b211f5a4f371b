using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

/// <summary>
/// The libvirt C API as imported. Every call that can fail leaves its error in thread-local storage:
/// read it with <see cref="LibvirtException.FromLastError"/> on the same thread, right after the call.
/// </summary>
internal static unsafe partial class LibvirtNative
{
    public const string Library = "libvirt.so.0";

    [LibraryImport(Library)]
    public static partial int virInitialize();

    [LibraryImport(Library)]
    public static partial void virSetErrorFunc(nint userData, delegate* unmanaged[Cdecl]<nint, nint, void> handler);

    [LibraryImport(Library)]
    public static partial int virGetLastErrorCode();

    [LibraryImport(Library)]
    public static partial int virGetLastErrorDomain();

    [LibraryImport(Library)]
    public static partial byte* virGetLastErrorMessage();

    [LibraryImport(Library)]
    public static partial void virResetLastError();

    [LibraryImport(Library)]
    public static partial void virTypedParamsClear(NativeTypedParameter* parameters, int count);

    [LibraryImport(Library)]
    public static partial void virTypedParamsFree(NativeTypedParameter* parameters, int count);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddString(NativeTypedParameter** parameters, int* count, int* capacity, string name, string value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddInt(NativeTypedParameter** parameters, int* count, int* capacity, string name, int value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddUInt(NativeTypedParameter** parameters, int* count, int* capacity, string name, uint value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddLLong(NativeTypedParameter** parameters, int* count, int* capacity, string name, long value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddULLong(NativeTypedParameter** parameters, int* count, int* capacity, string name, ulong value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddDouble(NativeTypedParameter** parameters, int* count, int* capacity, string name, double value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddBoolean(NativeTypedParameter** parameters, int* count, int* capacity, string name, int value);
}
