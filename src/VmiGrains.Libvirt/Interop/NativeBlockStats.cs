namespace VmiGrains.Libvirt.Interop;

/// <summary><c>virDomainBlockStatsStruct</c>: 40 bytes; -1 means "not available".</summary>
internal struct NativeBlockStats
{
    public long RdReq;
    public long RdBytes;
    public long WrReq;
    public long WrBytes;
    public long Errs;
}
