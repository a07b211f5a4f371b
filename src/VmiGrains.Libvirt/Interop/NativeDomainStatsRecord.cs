namespace VmiGrains.Libvirt.Interop;

/// <summary><c>virDomainStatsRecord</c>: 24 bytes; the domain is owned by the record list.</summary>
internal unsafe struct NativeDomainStatsRecord
{
    public nint Domain;
    public NativeTypedParameter* Params;
    public int NParams;
}
