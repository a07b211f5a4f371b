using System.Text.Json;
using VmiGrains.Domain.Network;
using Xunit.Abstractions;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The network reconciler on real processes: a <c>vmi-silo</c> with network enforcement on (nft/tc in
/// the fixture's namespace) and Redis grain storage is killed with SIGKILL while a VMI is shaped;
/// meanwhile a gone VMI's chain, qdisc and ifb appear and the live VMI's qdiscs vanish. After the restart
/// the ruleset and the qdiscs hold exactly what the attached VMI should have.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class NetworkReconcileOnRealHostTests(RealVmHost host, ITestOutputHelper output)
{
    private const string StaleDevice = "vmigstale0";
    private const string StaleIfb = IfbCommands.DevicePrefix + "00000000";

    [Fact]
    public async Task SiloKilledMidShaping_Restarted_GoneVmisRemovedAndTheLiveVmiReapplied()
    {
        var guest = host.Guests[0];
        var shaping = new ShapingOnRealHostTests(host, output);
        var clusterId = $"vmigrains-reconcile-{Guid.NewGuid():N}";
        var storage = new Dictionary<string, string> { ["VMIGRAINS__STORAGE__DEFAULT__CONNECTIONSTRING"] = TestServices.Redis };
        using var silo = RealVmSilo.Process(host, clusterId, [.. ShapingOnRealHostTests.NetworkOn(host), "--VmiGrains:Storage:Default:Provider=Redis"], storage);
        await silo.StartAsync();
        var gw = $"127.0.0.1:{silo.GatewayPort}";
        var staleChain = NftNames.IngressChain(Guid.NewGuid().ToString());
        try
        {
            var tap = await shaping.AttachAsync(clusterId, gw, guest);
            var ours = new HashSet<string> { tap, IfbCommands.DeviceFor(tap) };
            await Eventually.GetAsync(OursAsync, d => d.SetEquals(ours), TimeSpan.FromSeconds(60), $"tbf of ours on {tap} and its ifb");
            var chains = await Eventually.GetAsync(VmiChainsAsync, c => c.Count >= 2, TimeSpan.FromSeconds(60), "the VMI's policy chains");
            await RealVmSilo.VmiForAsync(clusterId, "--gateway", gw, "vm", "feedback", guest.Name, "--event", "slow_long");
            await Eventually.GetAsync(GuestQdiscAsync, q => q.Contains($"netem {TcCommands.Handle} root", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "netem of ours in the guest");

            silo.Kill();

            // While the host's silo is down: a gone VMI leaves a chain and a qdisc; the live VMI loses its own.
            await NetnsAsync("ip", "link", "add", StaleDevice, "type", "veth", "peer", "name", "vmigstale1");
            await NetnsAsync("ip", "link", "set", StaleDevice, "up");
            await NetnsAsync("tc", "qdisc", "add", "dev", StaleDevice, "root", "handle", TcCommands.Handle, "tbf", "rate", "1mbit", "burst", "10k", "latency", "100ms");
            await NetnsAsync("nft", "add", "chain", NftNames.BridgeFamily, NftNames.Table, staleChain);
            await NetnsAsync("ip", "link", "add", StaleIfb, "type", "ifb");
            await NetnsAsync("tc", "qdisc", "del", "dev", tap, "root", "handle", TcCommands.Handle);
            await GuestShell.RunAsync(host.Connection, guest, $"/sbin/tc qdisc del dev eth0 root handle {TcCommands.Handle}");
            Assert.Contains(staleChain, await VmiChainsAsync());

            await silo.StartAsync();
            await Eventually.GetAsync(OursAsync, d => d.SetEquals(ours), TimeSpan.FromSeconds(90), $"our qdiscs only on {tap} and its ifb (none on {StaleDevice})");
            Assert.NotEqual(0, (await host.InNetnsAsync("ip", "link", "show", StaleIfb)).ExitCode);
            await Eventually.GetAsync(VmiChainsAsync, c => c.SetEquals(chains), TimeSpan.FromSeconds(60), $"exactly the VMI's chains {string.Join(',', chains)}");
            await Eventually.GetAsync(GuestQdiscAsync, q => q.Contains($"netem {TcCommands.Handle} root", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "netem re-applied in the guest");
            Assert.All(await shaping.PingAsync(guest), rtt => Assert.True(rtt >= 100, $"rtt {rtt} ms < the 100 ms delay after the restart"));
            var decisions = await Eventually.GetAsync(() => RealVmSilo.VmiForAsync(clusterId, "--gateway", gw, "-o", "json", "vm", "decisions", guest.Name),
                d => d.Contains("netem inside the guest re-applied", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the reconcile decision");
            Assert.Contains("network reconcile after (re)activation", decisions, StringComparison.Ordinal);
            output.WriteLine($"after restart: ours on [{string.Join(',', await OursAsync())}], chains [{string.Join(',', await VmiChainsAsync())}]");
        }
        finally
        {
            await RealVmSilo.TryVmiForAsync(clusterId, "--gateway", gw, "vm", "detach", guest.Name);
            await host.InNetnsAsync("ip", "link", "del", StaleDevice);
            await host.InNetnsAsync("ip", "link", "del", StaleIfb);
            await host.InNetnsAsync("nft", "delete", "chain", NftNames.BridgeFamily, NftNames.Table, staleChain);
            await GuestShell.RunAsync(host.Connection, guest, "/sbin/tc qdisc del dev eth0 root 2>/dev/null; true");
        }
    }

    /// <summary>Devices in the namespace with a root qdisc of ours.</summary>
    private async Task<HashSet<string>> OursAsync()
    {
        var shown = await NetnsAsync("tc", "-j", "qdisc", "show");
        return [.. TcQdisc.ParseRoots(shown).Where(q => q.IsOurs).Select(q => q.Device)];
    }

    /// <summary>The per-VMI chains in the namespace's <c>bridge vmigrains</c> table (the taps are bridge ports) (empty when it does not exist).</summary>
    private async Task<HashSet<string>> VmiChainsAsync()
    {
        var listed = await host.InNetnsAsync("nft", "-j", "list", "table", NftNames.BridgeFamily, NftNames.Table);
        if (listed.ExitCode != 0)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(listed.Stdout);
        return [.. doc.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(e => e.TryGetProperty("chain", out _)).Select(e => e.GetProperty("chain").GetProperty("name").GetString()!)
            .Where(n => n.StartsWith(NftNames.VmiChainPrefix, StringComparison.Ordinal))];
    }

    private Task<string> GuestQdiscAsync() => GuestShell.RunAsync(host.Connection, host.Guests[0], "/sbin/tc qdisc show dev eth0");

    private async Task<string> NetnsAsync(params string[] command)
    {
        var result = await host.InNetnsAsync(command);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)} in {host.Netns} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }
}
