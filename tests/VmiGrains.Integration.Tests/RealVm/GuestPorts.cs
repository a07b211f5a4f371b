using System.Globalization;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>TCP listeners inside a guest (busybox <c>nc -ll -e echo hiPORT</c>) and connections to them from the host's namespace.</summary>
internal static class GuestPorts
{
    /// <summary>Starts one persistent listener per port; returns their guest PIDs for <see cref="StopAsync"/>.</summary>
    public static async Task<string[]> ListenAsync(RealVmHost host, RealVmGuest guest, params int[] ports)
    {
        var list = string.Join(' ', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var pids = await GuestShell.RunAsync(host.Connection, guest,
            $"for p in {list}; do nc -ll -p $p -e /bin/echo hi$p </dev/null >/dev/null 2>&1 & echo $!; done");
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
