namespace VmiGrains.Libvirt;

/// <summary>Host CPU and memory as <c>virNodeGetInfo</c> reports them.</summary>
internal sealed record LibvirtNodeInfo(string Model, ulong MemoryKiB, int Cpus, int Mhz, int Nodes, int Sockets, int Cores, int Threads);
