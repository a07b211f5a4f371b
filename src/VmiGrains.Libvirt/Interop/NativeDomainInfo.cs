using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

/// <summary><c>virDomainInfo</c>: 40 bytes; <c>unsigned long</c> members are <see cref="CULong"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeDomainInfo
{
    public byte State;
    public CULong MaxMem;
    public CULong Memory;
    public ushort NrVirtCpu;
    public ulong CpuTime;
}
