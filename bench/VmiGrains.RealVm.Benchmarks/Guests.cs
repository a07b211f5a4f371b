using System.Text.Json.Nodes;
using VmiGrains.Libvirt;

namespace VmiGrains.RealVm.Benchmarks;

/// <summary>Starts programs in a guest through libvirt's agent channel (our binding), and reads its cgroup.</summary>
internal static class Guests
{
    /// <summary>guest-exec without waiting for the program: returns once the agent started it.</summary>
    public static void Start(LibvirtConnection connection, Guid uuid, string path, params string[] args)
    {
        using var domain = connection.LookupByUuid(uuid);
        var exec = new JsonObject
        {
            ["execute"] = "guest-exec",
            ["arguments"] = new JsonObject { ["path"] = path, ["arg"] = new JsonArray([.. args.Select(a => (JsonNode)a)]) },
        };
        _ = domain.QemuAgentCommand(exec.ToJsonString(), 10);
    }

    /// <summary>The domain's <c>cpu.shares</c> (cgroup v1, as on this machine).</summary>
    public static ulong CpuShares(string guestName)
    {
        var dirs = Directory.GetDirectories("/sys/fs/cgroup/cpu/machine", $"qemu-*-{guestName}.libvirt-qemu");
        return dirs.Length == 1
            ? ulong.Parse(File.ReadAllText(Path.Combine(dirs[0], "cpu.shares")).Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"expected one cgroup v1 cpu directory for {guestName}, found {dirs.Length} (this benchmark reads cgroup v1)");
    }
}
