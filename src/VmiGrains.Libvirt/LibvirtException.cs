using System.Runtime.InteropServices;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>A libvirt call failed; carries libvirt's error code, error domain and message.</summary>
public sealed class LibvirtException : Exception
{
    /// <summary>Creates the exception from libvirt's error triple.</summary>
    public LibvirtException(string operation, int code, int errorDomain, string libvirtMessage)
        : base($"{operation} failed: {libvirtMessage} (libvirt error {code}, domain {errorDomain})")
    {
        Operation = operation;
        Code = code;
        ErrorDomain = errorDomain;
        LibvirtMessage = libvirtMessage;
    }

    /// <summary>Creates the exception with no details.</summary>
    public LibvirtException()
        : this("libvirt call", 0, 0, "unknown error")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LibvirtException(string message)
        : this("libvirt call", 0, 0, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LibvirtException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "libvirt call";
        LibvirtMessage = message;
    }

    /// <summary>The libvirt function that failed.</summary>
    public string Operation { get; } = "libvirt call";

    /// <summary>libvirt's <c>virErrorNumber</c> (e.g. 42 = no domain, 3 = no support).</summary>
    public int Code { get; }

    /// <summary>libvirt's <c>virErrorDomain</c>: which part of libvirt raised the error.</summary>
    public int ErrorDomain { get; }

    /// <summary>libvirt's own message, unchanged.</summary>
    public string LibvirtMessage { get; } = string.Empty;

    /// <summary>
    /// Reads the calling thread's last libvirt error. Call it right after the failing call, on the same
    /// thread and before any <see langword="await"/>: libvirt keeps errors per thread.
    /// </summary>
    internal static unsafe LibvirtException FromLastError(string operation)
    {
        var code = LibvirtNative.virGetLastErrorCode();
        var domain = LibvirtNative.virGetLastErrorDomain();
        var message = Marshal.PtrToStringUTF8((nint)LibvirtNative.virGetLastErrorMessage()) ?? "unknown error";
        LibvirtNative.virResetLastError();
        return new LibvirtException(operation, code, domain, message);
    }
}
