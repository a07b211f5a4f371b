using System.Runtime.InteropServices;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>
/// One libvirt domain reference. Dispose it: an undisposed domain keeps its connection alive.
/// Thread-safe like libvirt itself; every failing call throws <see cref="LibvirtException"/> with libvirt's message.
/// </summary>
internal sealed unsafe partial class LibvirtDomain : IDisposable
{
    internal LibvirtDomain(DomainHandle handle) => Handle = handle;

    internal DomainHandle Handle { get; }

    /// <summary>The domain's name.</summary>
    public string Name
    {
        get
        {
            var name = LibvirtNative.virDomainGetName(Handle);
            return name is null ? throw LibvirtException.FromLastError("virDomainGetName") : NativeStrings.Borrow(name);
        }
    }

    /// <summary>The domain's UUID.</summary>
    public Guid Uuid
    {
        get
        {
            var buffer = stackalloc byte[37];
            Check(LibvirtNative.virDomainGetUUIDString(Handle, buffer), "virDomainGetUUIDString");
            return Guid.Parse(new ReadOnlySpan<byte>(buffer, 36));
        }
    }

    /// <summary><c>virDomainGetXMLDesc</c>.</summary>
    public string GetXmlDescription(uint flags = 0)
    {
        var xml = LibvirtNative.virDomainGetXMLDesc(Handle, flags);
        return xml is null ? throw LibvirtException.FromLastError("virDomainGetXMLDesc") : NativeStrings.Take(xml);
    }

    /// <summary><c>virDomainGetInfo</c>.</summary>
    public LibvirtDomainInfo GetInfo()
    {
        NativeDomainInfo info;
        Check(LibvirtNative.virDomainGetInfo(Handle, &info), "virDomainGetInfo");
        return new LibvirtDomainInfo(info.State, info.MaxMem.Value, info.Memory.Value, info.NrVirtCpu, info.CpuTime);
    }

    /// <summary>Starts a defined domain.</summary>
    public void Create() => Check(LibvirtNative.virDomainCreate(Handle), "virDomainCreate");

    /// <summary>Stops the domain at once.</summary>
    public void Destroy() => Check(LibvirtNative.virDomainDestroy(Handle), "virDomainDestroy");

    /// <summary>Removes the domain's definition.</summary>
    public void Undefine() => Check(LibvirtNative.virDomainUndefine(Handle), "virDomainUndefine");

    /// <summary>Pauses the domain.</summary>
    public void Suspend() => Check(LibvirtNative.virDomainSuspend(Handle), "virDomainSuspend");

    /// <summary>Resumes a paused domain.</summary>
    public void Resume() => Check(LibvirtNative.virDomainResume(Handle), "virDomainResume");

    /// <summary><c>virDomainSetMemoryFlags</c> (KiB).</summary>
    public void SetMemory(ulong kib, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        Check(LibvirtNative.virDomainSetMemoryFlags(Handle, new CULong((nuint)kib), (uint)impact), "virDomainSetMemoryFlags");

    /// <summary><c>virDomainSetVcpusFlags</c>.</summary>
    public void SetVcpus(uint count, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        Check(LibvirtNative.virDomainSetVcpusFlags(Handle, count, (uint)impact), "virDomainSetVcpusFlags");

    /// <summary><c>virDomainGetVcpusFlags</c>.</summary>
    public int GetVcpus(DomainModificationImpact impact = DomainModificationImpact.Current)
    {
        var count = LibvirtNative.virDomainGetVcpusFlags(Handle, (uint)impact);
        return count < 0 ? throw LibvirtException.FromLastError("virDomainGetVcpusFlags") : count;
    }

    /// <summary>Interface counters; <paramref name="device"/> is the target device or the MAC address.</summary>
    public NativeInterfaceStats GetInterfaceStats(string device)
    {
        NativeInterfaceStats stats;
        Check(LibvirtNative.virDomainInterfaceStats(Handle, device, &stats, (nuint)sizeof(NativeInterfaceStats)), "virDomainInterfaceStats");
        return stats;
    }

    /// <summary>Block counters of the disk with target <paramref name="disk"/> (e.g. <c>vda</c>).</summary>
    public NativeBlockStats GetBlockStats(string disk)
    {
        NativeBlockStats stats;
        Check(LibvirtNative.virDomainBlockStats(Handle, disk, &stats, (nuint)sizeof(NativeBlockStats)), "virDomainBlockStats");
        return stats;
    }

    /// <summary>Memory statistics, tag (<c>virDomainMemoryStatTags</c>) to value (KiB for sizes).</summary>
    public Dictionary<int, ulong> GetMemoryStats()
    {
        const int Max = 13;
        var stats = stackalloc NativeMemoryStat[Max];
        var count = LibvirtNative.virDomainMemoryStats(Handle, stats, Max, 0);
        if (count < 0)
        {
            throw LibvirtException.FromLastError("virDomainMemoryStats");
        }

        var result = new Dictionary<int, ulong>(count);
        for (var i = 0; i < count; i++)
        {
            result[stats[i].Tag] = stats[i].Value;
        }

        return result;
    }

    /// <summary>
    /// <c>virDomainQemuAgentCommand</c> from <c>libvirt-qemu.so.0</c>: sends one guest-agent JSON command and returns the reply.
    /// </summary>
    public string QemuAgentCommand(string commandJson, int timeoutSeconds)
    {
        var reply = LibvirtQemuNative.virDomainQemuAgentCommand(Handle, commandJson, timeoutSeconds, 0);
        return reply is null ? throw LibvirtException.FromLastError("virDomainQemuAgentCommand") : NativeStrings.Take(reply);
    }

    /// <summary>Changes a device in place (<c>virDomainUpdateDeviceFlags</c>); an interface is found by its MAC address.</summary>
    public void UpdateDevice(string deviceXml, DomainModificationImpact impact) =>
        Check(LibvirtNative.virDomainUpdateDeviceFlags(Handle, deviceXml, (uint)impact), "virDomainUpdateDeviceFlags");

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();

    /// <summary>Reads the UUID of a (possibly borrowed) raw domain pointer.</summary>
    internal static Guid ReadUuid(nint domain, string operation)
    {
        var buffer = stackalloc byte[37];
        if (LibvirtNative.virDomainGetUUIDString(domain, buffer) < 0)
        {
            throw LibvirtException.FromLastError(operation);
        }

        return Guid.Parse(new ReadOnlySpan<byte>(buffer, 36));
    }

    private static void Check(int rc, string operation)
    {
        if (rc < 0)
        {
            throw LibvirtException.FromLastError(operation);
        }
    }
}
