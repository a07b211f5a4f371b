using Microsoft.Win32.SafeHandles;

namespace VmiGrains.Libvirt.Interop;

/// <summary>A <c>virConnectPtr</c>; released with <c>virConnectClose</c>.</summary>
internal sealed class ConnectionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectionHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LibvirtNative.virConnectClose(handle) >= 0;
}
