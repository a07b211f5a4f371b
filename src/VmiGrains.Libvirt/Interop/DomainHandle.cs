using Microsoft.Win32.SafeHandles;

namespace VmiGrains.Libvirt.Interop;

/// <summary>A <c>virDomainPtr</c>; released with <c>virDomainFree</c>. A live domain handle keeps its connection open.</summary>
internal sealed class DomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DomainHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a reference the caller already holds (e.g. an element of a listing).</summary>
    public DomainHandle(nint owned)
        : base(ownsHandle: true) => SetHandle(owned);

    protected override bool ReleaseHandle() => LibvirtNative.virDomainFree(handle) == 0;
}
