using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>
/// The guest-side app rules, run for real: the lab's VMI namespace plays the guest, with the
/// host's cgroup v2 hierarchy mounted at /sys/fs/cgroup inside it (as in a unified-hierarchy
/// guest); the app's process moves itself into its cgroup (<see cref="AppCgroups"/>'s convention) before it execs nc.
/// </summary>
public sealed class GuestAppFirewallTests
{
    private const string MountCgroup = "mount -t cgroup2 none /sys/fs/cgroup && exec \"$@\"";

    [Fact]
    public async Task Commands_AppAllowAndDeny_OnlyTheAppReachesItsPortAndIsBlockedFromItsDeniedPort()
    {
        await using var lab = await NetnsLab.CreateAsync();
        var app = $"test-{lab.Id}";
        await lab.ListenAsync(lab.PeerNs, 9443);
        await lab.ListenAsync(lab.PeerNs, 9025);
        var policy = new NetworkPolicy(PolicyDefault.Allow,
        [
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(9443, 9443), null, RuleAction.Allow, app),
            new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(9025, 9025), null, RuleAction.Deny, app),
        ]);
        try
        {
            foreach (var command in GuestAppFirewallCompiler.Commands(policy, nftPath: NetTools.Nft))
            {
                var (code, _, stderr) = await GuestAsync(lab, command);
                Assert.True(code == 0, $"{command.Path} {string.Join(' ', command.Args)}: {stderr}");
            }

            Assert.Equal(0, (await GuestAsync(lab, AppConnect(app, 9443))).ExitCode);
            Assert.Equal(ConnectOutcome.TimedOut, await NetnsLab.ConnectAsync(lab.VmiNs, NetnsLab.PeerIp, 9443));
            Assert.NotEqual(0, (await GuestAsync(lab, AppConnect(app, 9025))).ExitCode);
            Assert.Equal(ConnectOutcome.Connected, await NetnsLab.ConnectAsync(lab.VmiNs, NetnsLab.PeerIp, 9025));

            Assert.Equal(0, (await GuestAsync(lab, GuestAppFirewallCompiler.Commands(NetworkPolicy.AllowAll, nftPath: NetTools.Nft)[^1])).ExitCode);
            Assert.Equal(ConnectOutcome.Connected, await NetnsLab.ConnectAsync(lab.VmiNs, NetnsLab.PeerIp, 9443));
            Assert.DoesNotContain("vmigrains_app", (await NetnsLab.ExecAsync(lab.VmiNs, NetTools.Nft, "list", "ruleset")).Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await GuestAsync(lab, new GuestCommand("/bin/rmdir", [$"{AppCgroups.DefaultRoot}/{AppCgroups.PathOf(app)}"]));
        }
    }

    private static GuestCommand AppConnect(string app, int port) =>
        new("/bin/sh", ["-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", $"{AppCgroups.DefaultRoot}/{AppCgroups.PathOf(app)}",
            NetTools.Nc, "-z", "-w", "2", NetnsLab.PeerIp, port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>Runs a guest command in the VMI namespace with cgroup v2 at /sys/fs/cgroup (ip netns exec mounts a fresh /sys).</summary>
    private static Task<(int ExitCode, string Stdout, string Stderr)> GuestAsync(NetnsLab lab, GuestCommand command) =>
        Proc.RunAsync(NetTools.Ip, ["netns", "exec", lab.VmiNs, "/bin/sh", "-c", MountCgroup, "sh", command.Path, .. command.Args], command.Stdin);
}
