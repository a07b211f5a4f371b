using System.Diagnostics;
using VmiGrains.Domain.Network;
using VmiGrains.Grains.Network;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>Simulated conditions on traffic to the VMI, measured with real packets.</summary>
public sealed class NetworkShapingTests
{
    private const string Vmi = "shaped_vm";

    [Fact]
    public async Task ShapeAsync_Loss_DropsPacketsToTheVmiUntilCleared()
    {
        await using var lab = await NetnsLab.CreateAsync();

        await lab.Enforcer.ShapeAsync(Vmi, [lab.Tap], new ShapingSpec(null, null, 50, null));
        var lossy = await NetnsLab.PingAsync(lab.PeerNs, NetnsLab.VmiIp, 40);
        var dropped = (await lab.Enforcer.GetCountersAsync(Vmi)).Single(c => c.Rule == "loss").Packets;
        await lab.Enforcer.ClearShapingAsync(Vmi, [lab.Tap]);
        var clean = await NetnsLab.PingAsync(lab.PeerNs, NetnsLab.VmiIp, 10);

        Assert.True(lossy.Received < lossy.Sent, $"no loss: {lossy.Received}/{lossy.Sent} received");
        Assert.True(dropped >= lossy.Sent - lossy.Received);
        Assert.Equal(10, clean.Received);
        Assert.DoesNotContain("vmigrains", (await lab.HostStateAsync()).Ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShapeAsync_Rate_SlowsATransferToTheVmiAndClearRemovesOurQdisc()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await lab.Enforcer.ShapeAsync(Vmi, [lab.Tap], new ShapingSpec(null, null, null, 400));
        var (_, qdiscs) = await lab.HostStateAsync();
        Assert.Contains($"qdisc tbf 766d: dev {lab.Tap} root", qdiscs, StringComparison.Ordinal);

        // 100 KB at 400 kbit/s needs about 2 s; unshaped it takes milliseconds.
        var elapsed = await TransferAsync(lab, 100_000);

        Assert.True(elapsed >= TimeSpan.FromSeconds(1), $"100 KB arrived in {elapsed} at 400 kbit/s");
        await lab.Enforcer.ClearShapingAsync(Vmi, [lab.Tap]);
        Assert.DoesNotContain("766d:", (await lab.HostStateAsync()).Qdiscs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShapeAsync_RateThenDelay_OurTbfBecomesNetemOrTheErrorNamesTheMissingNetem()
    {
        // The kernel changes a qdisc in place only to the same kind: tbf → netem used to fail with
        // "must match existing qdisc" on every kernel, hiding whether netem exists.
        await using var lab = await NetnsLab.CreateAsync();
        await lab.Enforcer.ShapeAsync(Vmi, [lab.Tap], new ShapingSpec(null, null, null, 4000));
        try
        {
            await lab.Enforcer.ShapeAsync(Vmi, [lab.Tap], new ShapingSpec(50, null, null, 4000));
            Assert.Contains("netem 766d:", (await lab.HostStateAsync()).Qdiscs, StringComparison.Ordinal);
        }
        catch (NetworkEnforcementException e)
        {
            Assert.Contains("no netem qdisc", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("must match existing qdisc", e.Message, StringComparison.Ordinal);
        }

        await lab.Enforcer.ClearShapingAsync(Vmi, [lab.Tap]);
    }

    [Fact]
    public async Task ShapeAsync_Delay_RoundTripAtLeastTheDelayOrAClearNetemErrorWithNothingLeft()
    {
        await using var lab = await NetnsLab.CreateAsync();
        var spec = new ShapingSpec(80, 5, null, null);

        try
        {
            await lab.Enforcer.ShapeAsync(Vmi, [lab.Tap], spec);
        }
        catch (NetworkEnforcementException e)
        {
            // Kernels built without CONFIG_NET_SCH_NETEM (this CI machine's) cannot delay packets.
            Assert.Contains("netem", e.Message, StringComparison.Ordinal);
            Assert.Contains("loss and rate", e.Message, StringComparison.Ordinal);
            var (ruleset, qdiscs) = await lab.HostStateAsync();
            Assert.DoesNotContain("766d:", qdiscs, StringComparison.Ordinal);
            Assert.DoesNotContain("vmigrains", ruleset, StringComparison.Ordinal);
            return;
        }

        var ping = await NetnsLab.PingAsync(lab.PeerNs, NetnsLab.VmiIp, 5);
        Assert.True(ping.AvgMs >= 75, $"average RTT {ping.AvgMs} ms with 80±5 ms delay");
        await lab.Enforcer.ClearShapingAsync(Vmi, [lab.Tap]);
        Assert.DoesNotContain("766d:", (await lab.HostStateAsync()).Qdiscs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShapeAsync_ForeignRootQdiscOnTap_IsRefusedAndLeftInPlace()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await lab.HostAsync(NetTools.Tc, "qdisc", "add", "dev", lab.Tap, "root", "handle", "1:", "tbf", "rate", "1mbit", "burst", "32kbit", "latency", "400ms");

        var error = await Assert.ThrowsAsync<NetworkEnforcementException>(() => lab.Enforcer.ShapeAsync(Vmi, [lab.Tap], new ShapingSpec(null, null, null, 800)));

        Assert.Contains(lab.Tap, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not own", error.Message, StringComparison.Ordinal);
        Assert.Contains($"qdisc tbf 1: dev {lab.Tap} root", (await lab.HostStateAsync()).Qdiscs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearShapingAsync_AfterShaping_ClearsEverything()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await lab.Enforcer.ShapeAsync(Vmi, [lab.Tap], new ShapingSpec(null, null, 10, 2000));

        await lab.Enforcer.ClearShapingAsync(Vmi, [lab.Tap]);

        var (ruleset, qdiscs) = await lab.HostStateAsync();
        Assert.DoesNotContain("vmigrains", ruleset, StringComparison.Ordinal);
        Assert.DoesNotContain("766d:", qdiscs, StringComparison.Ordinal);
    }

    private static async Task<TimeSpan> TransferAsync(NetnsLab lab, int bytes)
    {
        var receiver = Process.Start(new ProcessStartInfo(NetTools.Ip, ["netns", "exec", lab.VmiNs, NetTools.Nc, "-l", "7070"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var sink = receiver.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            for (var i = 0; i < 100 && (await NetnsLab.ExecAsync(lab.VmiNs, "/usr/bin/ss", "-Hltn", "sport = :7070")).Stdout.Length == 0; i++)
            {
                await Task.Delay(50);
            }

            var watch = Stopwatch.StartNew();
            var (code, _, stderr) = await Proc.RunAsync(NetTools.Ip, ["netns", "exec", lab.PeerNs, NetTools.Nc, "-N", NetnsLab.VmiIp, "7070"], new string('x', bytes));
            await receiver.WaitForExitAsync();
            await sink;
            Assert.True(code == 0, $"transfer failed: {stderr}");
            return watch.Elapsed;
        }
        finally
        {
            if (!receiver.HasExited)
            {
                receiver.Kill(entireProcessTree: true);
            }

            receiver.Dispose();
        }
    }
}
