namespace VmiGrains.Libvirt.Interop;

/// <summary><c>virDomainInterfaceStatsStruct</c>: 64 bytes; -1 means "not available".</summary>
internal struct NativeInterfaceStats
{
    public long RxBytes;
    public long RxPackets;
    public long RxErrs;
    public long RxDrop;
    public long TxBytes;
    public long TxPackets;
    public long TxErrs;
    public long TxDrop;
}
