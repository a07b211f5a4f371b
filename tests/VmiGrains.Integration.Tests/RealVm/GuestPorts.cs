using System.Globalization;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>TCP listeners inside a guest (busybox <c>nc -ll -e echo hiPORT</c>) and connections to them from the host's namespace.</summary>
internal static class GuestPorts
{
    /// <summary>
    /// Starts one persistent listener per port and returns their guest PIDs for <see cref="StopAsync"/>
    /// once every port is in LISTEN state in the guest's <c>/proc/net/tcp{,6}</c>: <c>nc</c> started in the
    /// background binds a moment later, and a connection before that is refused (CI saw "" for "hi8081").
    /// </summary>
    public static async Task<string[]> ListenAsync(RealVmHost host, RealVmGuest guest, params int[] ports)
    {
        var list = string.Join(' ', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var hex = string.Join(' ', ports.Select(p => p.ToString("X4", CultureInfo.InvariantCulture)));
        var pids = await GuestShell.RunAsync(host.Connection, guest,
            $"for p in {list}; do nc -ll -p $p -e /bin/echo hi$p </dev/null >/dev/null 2>&1 & echo $!; done; " +
            $"for i in $(seq 100); do n=0; for h in {hex}; do grep -q \":$h [0-9A-F]*:0000 0A \" /proc/net/tcp /proc/net/tcp6 2>/dev/null || n=1; done; " +
            "[ $n = 0 ] && exit 0; sleep 0.1; done; echo 'listeners not listening after 10 s' >&2; exit 1");
        return pids.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Task StopAsync(RealVmHost host, RealVmGuest guest, string[] pids) =>
        GuestShell.RunAsync(host.Connection, guest, $"kill {string.Join(' ', pids)}");

    /// <summary>What the guest's listener on <paramref name="port"/> sends to a connection from the namespace; empty when none got through.</summary>
    public static async Task<string> AnswerAsync(RealVmHost host, RealVmGuest guest, int port)
    {
        var result = await host.InNetnsAsync("timeout", "5", "nc", "-w", "2", guest.Ip, port.ToString(CultureInfo.InvariantCulture));
        return result.Stdout.Trim();
    }

    /// <summary>The guest's tap (libvirt's target device, e.g. vnet0) as its statistics name it.</summary>
    public static string TapOf(RealVmHost host, RealVmGuest guest) =>
        host.Connection.GetAllDomainStats().Single(s => s.Uuid == guest.Uuid).Parameters.Single(p => p.Name == "net.0.name").Text!;
}
