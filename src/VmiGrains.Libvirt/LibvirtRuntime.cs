using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>
/// Process-wide libvirt set-up, done once before the first connection: thread-safe initialisation,
/// a silent error handler (libvirt would otherwise print every error to stderr; errors are read per
/// call instead), and the default event implementation, which must be registered before a connection
/// is opened for that connection to deliver events.
/// </summary>
internal static unsafe class LibvirtRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            if (LibvirtNative.virInitialize() < 0)
            {
                throw LibvirtException.FromLastError("virInitialize");
            }

            LibvirtNative.virSetErrorFunc(0, &Silent);
            if (LibvirtNative.virEventRegisterDefaultImpl() < 0)
            {
                throw LibvirtException.FromLastError("virEventRegisterDefaultImpl");
            }

            _initialized = true;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Silent(nint userData, nint error)
    {
        // Errors are read with virGetLastError* right after each call; nothing to print.
    }
}
