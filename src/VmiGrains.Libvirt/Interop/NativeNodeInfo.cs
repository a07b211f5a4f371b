using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

/// <summary><c>virNodeInfo</c>: 64 bytes, <c>char model[32]</c> first.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeNodeInfo
{
    public fixed byte Model[32];
    public CULong Memory;
    public uint Cpus;
    public uint Mhz;
    public uint Nodes;
    public uint Sockets;
    public uint Cores;
    public uint Threads;
}
