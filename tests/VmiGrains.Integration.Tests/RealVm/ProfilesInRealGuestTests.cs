using System.Globalization;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// What a profile does inside a real guest over its life, through a <c>vmi-silo</c> managing the private host:
/// application priorities across a switch, a scoped run, a guest restart and a detach (read from the guest's
/// /proc through the agent), and what the host reports of memory use and of knobs it cannot make work.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class ProfilesInRealGuestTests(RealVmHost host)
{
    private const string Rendering = "high-performance-rendering"; // blender high (-10), updatedb idle (19)
    private const string Ux = "ux-personalization";                // blender normal (0); updatedb not named

    [Fact]
    public async Task Priorities_SwitchScopedRunRestartAndDetach_GuestProcessesRunAtTheNiceOfTheProfileInForce()
    {
        var guest = host.Guests[0];
        using var managed = await RealVmSilo.StartAsync(host);
        await managed.WaitRegisteredAsync(guest);
        await managed.ApplyExampleProfileAsync(Rendering);
        await managed.ApplyExampleProfileAsync(Ux);

        await managed.VmiAsync("vm", "attach", guest.Name, Rendering);
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", -10, "after attaching rendering");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "updatedb", 19, "after attaching rendering");
        Assert.Equal(0, await GuestShell.NiceOfAppAsync(host.Connection, guest, "sshd"));

        // A scoped run puts ux in force for the run only: blender back to normal, and updatedb (which only rendering
        // names) too; when the program ends, rendering's priorities return.
        await managed.VmiAsync("exec", guest.Name, "--profile", Ux, "--scoped", "--detach", "--", "/bin/sleep", "12");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", 0, "during the scoped run");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "updatedb", 0, "during the scoped run");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", -10, "after the scoped run ended");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "updatedb", 19, "after the scoped run ended");

        // A switch leaves nothing of the previous personality behind.
        await managed.VmiAsync("vm", "attach", guest.Name, Ux);
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", 0, "after switching to ux");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "updatedb", 0, "after switching to ux");

        // A restarted guest starts its applications at nice 0; the agent connecting brings the profile back.
        await managed.VmiAsync("vm", "attach", guest.Name, Rendering);
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", -10, "after switching back to rendering");
        var bootBefore = (await GuestShell.RunAsync(host.Connection, guest, "cat /proc/sys/kernel/random/boot_id")).Trim();
        using (var domain = host.Connection.LookupByUuid(guest.Uuid))
        {
            domain.Destroy();
            domain.Create();
        }

        var bootAfter = await Eventually.GetAsync(async () => (await GuestShell.RunAsync(host.Connection, guest, "cat /proc/sys/kernel/random/boot_id")).Trim(),
            id => id.Length > 0, TimeSpan.FromSeconds(120), $"{guest.Name} back with its agent after the restart");
        Assert.NotEqual(bootBefore, bootAfter); // a new boot, not the old guest answering
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", -10, "after the guest restarted");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "updatedb", 19, "after the guest restarted");
        using (var decisions = await managed.JsonAsync("vm", "decisions", guest.Name))
        {
            Assert.Contains(decisions.RootElement.EnumerateArray(), d =>
                d.GetProperty("reason").GetString()!.Contains("guest agent connected", StringComparison.Ordinal)
                && d.GetProperty("what").GetString()!.Contains("blender=-10", StringComparison.Ordinal));
        }

        // Detach gives the guest back as it was.
        await managed.VmiAsync("vm", "detach", guest.Name);
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "blender", 0, "after detach");
        await GuestShell.NiceBecomesAsync(host.Connection, guest, "updatedb", 0, "after detach");
    }

    [Fact]
    public async Task VmShow_RealGuest_MemoryIsTheGuestsOwnUseAndBlkioWeightSaysItHasNoEffectOnThisDisk()
    {
        var guest = host.Guests[1];
        using var managed = await RealVmSilo.StartAsync(host);
        await managed.WaitRegisteredAsync(guest);
        await managed.ApplyExampleProfileAsync(Rendering);
        await managed.VmiAsync("vm", "attach", guest.Name, Rendering);

        // mem = the guest's MemTotal - MemAvailable over the VM's maximum (it read 1.0 from qemu's RSS before).
        using var domain = host.Connection.LookupByUuid(guest.Uuid);
        var maxKiB = (double)domain.GetInfo().MaxMemoryKiB;
        var reported = await Eventually.GetAsync(async () =>
            {
                using var show = await managed.JsonAsync("vm", "show", guest.Name);
                var mem = show.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "mem");
                return mem.GetProperty("samples").GetInt32() > 0 ? mem.GetProperty("last").GetDouble() : double.NaN;
            }, m => !double.IsNaN(m), TimeSpan.FromSeconds(60), "mem samples from libvirt stats");
        var inGuest = (await GuestShell.MemInfoKiBAsync(host.Connection, guest, "MemTotal") - await GuestShell.MemInfoKiBAsync(host.Connection, guest, "MemAvailable")) / maxKiB;
        Assert.InRange(reported, 0.01, 0.9);
        Assert.InRange(reported, inGuest - 0.1, inGuest + 0.1);

        // The weight is really in the cgroup, and the report says why it changes nothing here.
        using var show2 = await managed.JsonAsync("vm", "show", guest.Name);
        var allocation = show2.RootElement.GetProperty("allocation");
        var weightFile = Path.Combine(CgroupV1.Directory("blkio", guest), "blkio.bfq.weight");
        if (!File.Exists(weightFile))
        {
            // A host kernel without BFQ: the weight cannot be set at all, and the report says it is not enforced.
            Assert.Contains("blkio_weight", allocation.GetProperty("unsupported").EnumerateArray().Select(e => e.GetString()));
            var shown = (await managed.VmiAsync("vm", "show", guest.Name)).Split('\n');
            Assert.Contains(shown, l => l.Contains("not enforced by this host's driver:", StringComparison.Ordinal) && l.Contains("blkio_weight", StringComparison.Ordinal));
            return;
        }

        var weight = allocation.GetProperty("blkio_weight").GetUInt32();
        var cgroup = File.ReadAllText(weightFile);
        Assert.Contains(weight.ToString(CultureInfo.InvariantCulture), cgroup, StringComparison.Ordinal);
        var noEffect = allocation.GetProperty("no_effect").EnumerateArray().Select(e => e.GetString()!).ToList();
        var blkio = Assert.Single(noEffect, n => n.StartsWith("blkio_weight:", StringComparison.Ordinal));
        Assert.Contains("no effect on a non-BFQ device", blkio, StringComparison.Ordinal);
        var human = await managed.VmiAsync("vm", "show", guest.Name);
        Assert.Contains("set, no effect on this host: blkio_weight", human, StringComparison.Ordinal);

        using var hosts = await managed.JsonAsync("host", "list");
        Assert.Contains("blkio_weight", hosts.RootElement.EnumerateArray().Single().GetProperty("no_effect_knobs").EnumerateArray().Select(e => e.GetString()));
    }
}
