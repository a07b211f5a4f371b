namespace VmiGrains.Libvirt.Interop;

/// <summary><c>virDomainMemoryStatStruct</c>: 16 bytes (tag, then the value at 8).</summary>
internal struct NativeMemoryStat
{
    public int Tag;
    public ulong Value;
}
