using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VmiGrains.Libvirt;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// Reads the real guest through libvirt's agent channel (<c>virDomainQemuAgentCommand</c>, our binding):
/// <c>guest-exec</c> of <c>/bin/sh -c SCRIPT</c>, then <c>guest-exec-status</c> until it exited.
/// </summary>
internal static class GuestShell
{
    public static async Task<string> RunAsync(LibvirtConnection connection, RealVmGuest guest, string script)
    {
        using var domain = connection.LookupByUuid(guest.Uuid);
        var exec = new JsonObject
        {
            ["execute"] = "guest-exec",
            ["arguments"] = new JsonObject { ["path"] = "/bin/sh", ["arg"] = new JsonArray("-c", script), ["capture-output"] = true },
        };
        var started = JsonNode.Parse(domain.QemuAgentCommand(exec.ToJsonString(), 10))!;
        var pid = started["return"]!["pid"]!.GetValue<long>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var poll = new JsonObject { ["execute"] = "guest-exec-status", ["arguments"] = new JsonObject { ["pid"] = pid } };
            var status = JsonNode.Parse(domain.QemuAgentCommand(poll.ToJsonString(), 10))!["return"]!;
            if (status["exited"]!.GetValue<bool>())
            {
                var code = status["exitcode"]?.GetValue<int>();
                var stdout = Decode(status["out-data"]);
                Assert.True(code == 0, $"guest {guest.Name}: `{script}` exited with {code}: {stdout}{Decode(status["err-data"])}");
                return stdout;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"guest {guest.Name}: `{script}` still running after 30 s");
    }

    /// <summary>Starts <c>/bin/sh -c SCRIPT</c> in the guest without waiting for it (e.g. a listener); returns its pid.</summary>
    public static long Start(LibvirtConnection connection, RealVmGuest guest, string script)
    {
        using var domain = connection.LookupByUuid(guest.Uuid);
        var exec = new JsonObject
        {
            ["execute"] = "guest-exec",
            ["arguments"] = new JsonObject { ["path"] = "/bin/sh", ["arg"] = new JsonArray("-c", script) },
        };
        return JsonNode.Parse(domain.QemuAgentCommand(exec.ToJsonString(), 10))!["return"]!["pid"]!.GetValue<long>();
    }

    /// <summary>A value of the guest's <c>/proc/meminfo</c> in KiB.</summary>
    public static async Task<ulong> MemInfoKiBAsync(LibvirtConnection connection, RealVmGuest guest, string field)
    {
        var meminfo = await RunAsync(connection, guest, "cat /proc/meminfo");
        var line = meminfo.Split('\n').Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return ulong.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The nice value of the guest's one process named <paramref name="app"/>.</summary>
    public static async Task<int> NiceOfAppAsync(LibvirtConnection connection, RealVmGuest guest, string app)
    {
        var pid = long.Parse((await RunAsync(connection, guest, $"/usr/bin/pgrep -x {app}")).Trim(), CultureInfo.InvariantCulture);
        return await NiceAsync(connection, guest, pid);
    }

    /// <summary>Waits until the guest's <paramref name="app"/> runs at <paramref name="nice"/> (priorities are applied one app after the other).</summary>
    public static Task NiceBecomesAsync(LibvirtConnection connection, RealVmGuest guest, string app, int nice, string when) =>
        Eventually.GetAsync(() => NiceOfAppAsync(connection, guest, app), n => n == nice, TimeSpan.FromSeconds(60), $"{app} at nice {nice} in {guest.Name} {when}");

    /// <summary>Field 19 (nice) of the guest's <c>/proc/PID/stat</c>.</summary>
    public static async Task<int> NiceAsync(LibvirtConnection connection, RealVmGuest guest, long pid)
    {
        var stat = await RunAsync(connection, guest, string.Create(CultureInfo.InvariantCulture, $"cat /proc/{pid}/stat"));
        // comm (field 2) may contain spaces: count fields after its closing parenthesis.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(rest[19 - 3], CultureInfo.InvariantCulture);
    }

    private static string Decode(JsonNode? base64) =>
        base64 is null ? string.Empty : Encoding.UTF8.GetString(Convert.FromBase64String(base64.GetValue<string>()));
}
