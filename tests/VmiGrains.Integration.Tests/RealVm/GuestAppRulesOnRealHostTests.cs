using System.Text.RegularExpressions;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// Per-app network rules inside a real guest: a <c>vmi-silo</c> attaches a profile whose rule lets only
/// the app <c>blender</c> reach TCP 9090; the guest runs its stand-ins in their app cgroups
/// (<c>vmigrains-app-NAME</c>, see scripts/guest-image.sh). Clients started in blender's and updatedb's
/// cgroups connect to a listener in the host's namespace; the guest's ruleset and counters are read back
/// through the agent.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed partial class GuestAppRulesOnRealHostTests(RealVmHost host)
{
    private const string ProfileId = "realvm-apprules";

    private const string ProfileJson = """
        {
          "id": "realvm-apprules",
          "name": "Real-VM per-app rules",
          "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
          "network_policy": {
            "default": "allow",
            "rules": [
              { "direction": "egress", "protocol": "tcp", "ports": "9090", "app": "blender", "action": "allow" }
            ]
          }
        }
        """;

    [Fact]
    public async Task VmAttach_AppOnlyEgressRule_BlenderReachesThePortUpdatedbDoesNotAndDetachRemovesTheGuestTable()
    {
        var guest = host.Guests[0];
        var profile = Path.Combine(Path.GetTempPath(), $"{ProfileId}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(profile, ProfileJson);
        using var listener = HostListener.Start(host, 9090);
        try
        {
            using var silo = await RealVmSilo.StartAsync(host,
                "--VmiGrains:Network:Enabled=true", $"--VmiGrains:Network:NetworkNamespace={host.Netns}");
            await silo.VmiAsync("profile", "apply", "-f", profile);
            await silo.WaitRegisteredAsync(guest);
            await silo.VmiAsync("vm", "attach", guest.Name, ProfileId);

            Assert.Equal(0, await ConnectAsAppAsync(guest, "blender"));
            Assert.NotEqual(0, await ConnectAsAppAsync(guest, "updatedb"));
            var ruleset = await GuestShell.RunAsync(host.Connection, guest, "/usr/sbin/nft list table inet vmigrains_app");
            Assert.True(NftCounters.Packets(ruleset, "rule 0") >= 1, $"blender's accept counted nothing:\n{ruleset}");
            Assert.True(NftCounters.Packets(ruleset, "rule 0 other apps") >= 1, $"the other apps' drop counted nothing:\n{ruleset}");
            var decisions = await silo.VmiAsync("vm", "decisions", guest.Name);
            Assert.Contains("applied per-app network rules in the guest", decisions, StringComparison.Ordinal);

            await silo.VmiAsync("vm", "detach", guest.Name);
            Assert.DoesNotContain("vmigrains_app", await GuestShell.RunAsync(host.Connection, guest, "/usr/sbin/nft list tables"), StringComparison.Ordinal);
            Assert.Equal(0, await ConnectAsAppAsync(guest, "updatedb"));
        }
        finally
        {
            File.Delete(profile);
            listener.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The exit code of busybox <c>nc</c> connecting to the host from inside <paramref name="app"/>'s cgroup.</summary>
    private async Task<int> ConnectAsAppAsync(RealVmGuest guest, string app)
    {
        var output = await GuestShell.RunAsync(host.Connection, guest,
            $"/bin/sh -c 'echo $$ > \"$0/cgroup.procs\" && exec \"$@\"' /sys/fs/cgroup/vmigrains-app-{app} " +
            $"/bin/sh -c 'echo from-{app} | nc -w 2 {host.HostIp} 9090; echo rc=$?'");
        return int.Parse(ExitPattern().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"rc=(\d+)")]
    private static partial Regex ExitPattern();
}
