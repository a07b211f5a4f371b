using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>
/// The process-wide libvirt default event loop on its own thread. It runs while at least one lease is
/// held; releasing the last lease stops it cleanly: a stop flag is set, a zero timeout wakes
/// <c>virEventRunDefaultImpl</c>, the thread is joined, and the timeout is removed.
/// </summary>
internal static unsafe class LibvirtEventLoop
{
    private static readonly Lock Gate = new();
    private static Thread? _thread;
    private static int _leases;
    private static volatile bool _stopping;

    /// <summary>True while the loop thread runs.</summary>
    public static bool IsRunning
    {
        get
        {
            lock (Gate)
            {
                return _thread is not null;
            }
        }
    }

    /// <summary>Keeps the loop running until the returned lease is disposed.</summary>
    public static IDisposable Acquire()
    {
        LibvirtRuntime.EnsureInitialized();
        lock (Gate)
        {
            if (_leases++ == 0)
            {
                _stopping = false;
                _thread = new Thread(Run) { IsBackground = true, Name = "libvirt-events" };
                _thread.Start();
            }
        }

        return new Lease();
    }

    private static void Release()
    {
        lock (Gate)
        {
            if (--_leases > 0 || _thread is null)
            {
                return;
            }

            _stopping = true;
            var wake = LibvirtNative.virEventAddTimeout(0, &Wake, 0, 0);
            _thread.Join();
            _thread = null;
            if (wake >= 0 && LibvirtNative.virEventRemoveTimeout(wake) < 0)
            {
                LibvirtNative.virResetLastError();
            }
        }
    }

    private static void Run()
    {
        while (!_stopping)
        {
            if (LibvirtNative.virEventRunDefaultImpl() < 0)
            {
                // Nothing sensible to do with a failing iteration but to clear it and go on.
                LibvirtNative.virResetLastError();
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Wake(int timer, nint opaque)
    {
        // Only here to make virEventRunDefaultImpl return so the loop sees the stop flag.
    }

    private sealed class Lease : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Release();
            }
        }
    }
}
