using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

/// <summary>The QEMU-specific library (<c>libvirt-qemu.so.0</c>): guest-agent pass-through.</summary>
internal static unsafe partial class LibvirtQemuNative
{
    public const string Library = "libvirt-qemu.so.0";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial byte* virDomainQemuAgentCommand(DomainHandle domain, string command, int timeoutSeconds, uint flags);
}
