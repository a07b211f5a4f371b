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

    /// <summary>guest-exec of <c>/bin/sh -c SCRIPT</c>, waiting for it; throws when it fails or runs past 60 s.</summary>
    public static async Task<string> ShellAsync(LibvirtConnection connection, Guid uuid, string script)
    {
        using var domain = connection.LookupByUuid(uuid);
        var exec = new JsonObject
        {
            ["execute"] = "guest-exec",
            ["arguments"] = new JsonObject { ["path"] = "/bin/sh", ["arg"] = new JsonArray("-c", script), ["capture-output"] = true },
        };
        var pid = JsonNode.Parse(domain.QemuAgentCommand(exec.ToJsonString(), 10))!["return"]!["pid"]!.GetValue<long>();
        for (var i = 0; i < 600; i++)
        {
            var poll = new JsonObject { ["execute"] = "guest-exec-status", ["arguments"] = new JsonObject { ["pid"] = pid } };
            var status = JsonNode.Parse(domain.QemuAgentCommand(poll.ToJsonString(), 10))!["return"]!;
            if (status["exited"]!.GetValue<bool>())
            {
                var stdout = status["out-data"] is { } data ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data.GetValue<string>())) : string.Empty;
                return status["exitcode"]?.GetValue<int>() == 0 ? stdout : throw new InvalidOperationException($"guest: `{script}` failed: {stdout}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"guest: `{script}` still running after 60 s");
    }

    /// <summary>
    /// The host time at which the guest's <c>/proc/uptime</c> was zero: the file is read through the agent's
    /// guest-file calls (no process is started), and the best of <paramref name="tries"/> reads (the shortest
    /// round trip) is mapped to its midpoint, so the error is at most half that round trip plus the file's 10 ms
    /// resolution. A guest uptime <c>u</c> then happened at <c>boot + u</c> on the host's clock.
    /// </summary>
    public static (DateTimeOffset Boot, TimeSpan RoundTrip) UptimeOrigin(LibvirtConnection connection, Guid uuid, int tries = 5)
    {
        using var domain = connection.LookupByUuid(uuid);
        var best = (Boot: DateTimeOffset.MinValue, RoundTrip: TimeSpan.MaxValue);
        for (var i = 0; i < tries; i++)
        {
            var open = new JsonObject { ["execute"] = "guest-file-open", ["arguments"] = new JsonObject { ["path"] = "/proc/uptime", ["mode"] = "r" } };
            var handle = JsonNode.Parse(domain.QemuAgentCommand(open.ToJsonString(), 10))!["return"]!.GetValue<long>();
            try
            {
                var read = new JsonObject { ["execute"] = "guest-file-read", ["arguments"] = new JsonObject { ["handle"] = handle, ["count"] = 64 } };
                var before = DateTimeOffset.UtcNow;
                var answer = domain.QemuAgentCommand(read.ToJsonString(), 10);
                var after = DateTimeOffset.UtcNow;
                var text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(JsonNode.Parse(answer)!["return"]!["buf-b64"]!.GetValue<string>()));
                var uptime = TimeSpan.FromSeconds(double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
                if (after - before < best.RoundTrip)
                {
                    best = (before + ((after - before) / 2) - uptime, after - before);
                }
            }
            finally
            {
                var close = new JsonObject { ["execute"] = "guest-file-close", ["arguments"] = new JsonObject { ["handle"] = handle } };
                _ = domain.QemuAgentCommand(close.ToJsonString(), 10);
            }
        }

        return best;
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
