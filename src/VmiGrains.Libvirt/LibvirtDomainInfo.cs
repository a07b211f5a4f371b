namespace VmiGrains.Libvirt;

/// <summary><c>virDomainGetInfo</c>: state, memory (KiB), vcpus and CPU time (ns).</summary>
internal readonly record struct LibvirtDomainInfo(int State, ulong MaxMemoryKiB, ulong MemoryKiB, int Vcpus, ulong CpuTimeNs);
