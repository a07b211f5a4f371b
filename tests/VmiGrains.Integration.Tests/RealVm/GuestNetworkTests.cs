using System.Globalization;
using System.Text.RegularExpressions;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The guest side of network shaping: this machine's kernel has no sch_netem, the guest's has. Traffic
/// stays inside the host's network namespace.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed partial class GuestNetworkTests(RealVmHost host)
{
    [Fact]
    public async Task GuestTc_NetemDelayOnEth0_PingRoundTripFromTheBridgeIncludesTheDelay()
    {
        var guest = host.Guests[0];
        await GuestShell.RunAsync(host.Connection, guest, "/sbin/tc qdisc replace dev eth0 root netem delay 100ms");
        try
        {
            Assert.Contains("netem", await GuestShell.RunAsync(host.Connection, guest, "/sbin/tc qdisc show dev eth0"), StringComparison.Ordinal);
            var ping = await host.InNetnsAsync("ping", "-c", "3", "-i", "0.3", "-W", "3", guest.Ip);
            Assert.True(ping.ExitCode == 0, $"ping {guest.Ip}: {ping.Stdout}{ping.Stderr}");
            // netem holds every reply for 100 ms: no round trip can be shorter.
            var rtts = RttPattern().Matches(ping.Stdout).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(3, rtts.Count);
            Assert.All(rtts, rtt => Assert.True(rtt >= 100, $"rtt {rtt} ms < the 100 ms netem delay"));
        }
        finally
        {
            await GuestShell.RunAsync(host.Connection, guest, "/sbin/tc qdisc del dev eth0 root");
        }
    }

    [GeneratedRegex(@"time=([0-9.]+) ms")]
    private static partial Regex RttPattern();
}
