using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>Crash recovery: the reconciler removes our residue of dead VMIs and nothing else.</summary>
public sealed class NetworkReconcileTests
{
    [Fact]
    public async Task ReconcileAsync_DeadVmi_RemovesItsChainsAndQdiscAndKeepsLiveAndForeignState()
    {
        await using var lab = await NetnsLab.CreateAsync();
        var deadTap = await lab.AddDeviceAsync("d");
        var foreignDev = await lab.AddDeviceAsync("f");
        await lab.HostAsync(NetTools.Nft, "add table inet foreign ; add chain inet foreign keep ; add rule inet foreign keep counter");
        await lab.HostAsync(NetTools.Tc, "qdisc", "add", "dev", foreignDev, "root", "handle", "1:", "tbf", "rate", "1mbit", "burst", "32kbit", "latency", "400ms");
        await lab.ListenAsync(lab.VmiNs, 8080);
        var livePolicy = new NetworkPolicy(PolicyDefault.Allow, [new NetworkRule(TrafficDirection.Ingress, NetworkProtocol.Tcp, new PortRange(8080, 8080), null, RuleAction.Reject, null)]);
        await lab.Enforcer.ApplyPolicyAsync("alive", [lab.Tap], livePolicy);
        await lab.Enforcer.ApplyPolicyAsync("dead", [deadTap], new NetworkPolicy(PolicyDefault.Deny, []));
        await lab.Enforcer.ShapeAsync("dead", [deadTap], new ShapingSpec(null, null, 20, 1000));

        var report = await lab.Enforcer.ReconcileAsync([new VmiInterfaces("alive", [lab.Tap])]);

        Assert.Equal(["vmi_dead_in", "vmi_dead_out", "vmi_dead_shape"], report.RemovedChains);
        Assert.Equal([deadTap], report.ClearedTaps);
        var (ruleset, qdiscs) = await lab.HostStateAsync();
        Assert.DoesNotContain("vmi_dead", ruleset, StringComparison.Ordinal);
        Assert.Contains("vmi_alive_in", ruleset, StringComparison.Ordinal);
        Assert.Contains("table inet foreign", ruleset, StringComparison.Ordinal);
        Assert.Contains($"qdisc tbf 1: dev {foreignDev} root", qdiscs, StringComparison.Ordinal);
        Assert.DoesNotContain("766d:", qdiscs, StringComparison.Ordinal);
        Assert.Equal(ConnectOutcome.Refused, await NetnsLab.ConnectAsync(lab.PeerNs, NetnsLab.VmiIp, 8080));

        var second = await lab.Enforcer.ReconcileAsync([]);

        Assert.Equal(["vmi_alive_in", "vmi_alive_out"], second.RemovedChains);
        (ruleset, _) = await lab.HostStateAsync();
        Assert.DoesNotContain("vmigrains", ruleset, StringComparison.Ordinal);
        Assert.Contains("table inet foreign", ruleset, StringComparison.Ordinal);
        Assert.True((await lab.Enforcer.ReconcileAsync([])).IsEmpty);
    }

    [Fact]
    public async Task LimitOutboundAsync_TapOfAGoneVmi_ReconcileRemovesItsIfbAndKeepsTheLiveOne()
    {
        await using var lab = await NetnsLab.CreateAsync();
        var deadTap = await lab.AddDeviceAsync("d");
        await lab.Enforcer.LimitOutboundAsync("alive", [lab.Tap], 2000);
        await lab.Enforcer.LimitOutboundAsync("dead", [deadTap], 2000);
        var (liveIfb, deadIfb) = (IfbCommands.DeviceFor(lab.Tap), IfbCommands.DeviceFor(deadTap));
        Assert.Contains($"Egress Redirect to device {liveIfb}", await lab.HostAsync(NetTools.Tc, "filter", "show", "dev", lab.Tap, "parent", "ffff:"), StringComparison.Ordinal);
        Assert.Contains($"qdisc tbf 766d: dev {liveIfb} root", (await lab.HostStateAsync()).Qdiscs, StringComparison.Ordinal);

        var report = await lab.Enforcer.ReconcileAsync([new VmiInterfaces("alive", [lab.Tap])]);

        Assert.Equal([deadIfb], report.ClearedTaps);
        var qdiscs = (await lab.HostStateAsync()).Qdiscs;
        Assert.Contains($"qdisc tbf 766d: dev {liveIfb} root", qdiscs, StringComparison.Ordinal);
        Assert.DoesNotContain(deadIfb, qdiscs, StringComparison.Ordinal);

        await lab.Enforcer.LimitOutboundAsync("alive", [lab.Tap], null);
        qdiscs = (await lab.HostStateAsync()).Qdiscs;
        Assert.DoesNotContain(liveIfb, qdiscs, StringComparison.Ordinal);
        Assert.DoesNotContain($"qdisc ingress ffff: dev {lab.Tap}", qdiscs, StringComparison.Ordinal);
    }
}
