
namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The profile's network policy on a real guest's tap: a <c>vmi-silo</c> with network enforcement on,
/// running nft inside the host's network namespace, attaches a profile that allows TCP 8080 and denies
/// 8081 to the guest; listeners inside the guest answer on both ports. What is proven is read from the
/// real system: the ruleset in the namespace, connections from the namespace, the rule counters.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class NetworkPolicyOnRealHostTests(RealVmHost host)
{
    internal const string ProfileId = "realvm-netpolicy";

    internal const string ProfileJson = """
        {
          "id": "realvm-netpolicy",
          "name": "Real-VM network policy",
          "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
          "network_policy": {
            "default": "allow",
            "rules": [
              { "direction": "ingress", "protocol": "tcp", "ports": "8080", "action": "allow" },
              { "direction": "ingress", "protocol": "tcp", "ports": "8081", "action": "deny" }
            ]
          }
        }
        """;

    [Fact]
    public async Task VmAttach_PortPolicyOnRealTap_AllowedPortAnswersDeniedPortIsDroppedAndDetachRemovesTheChain()
    {
        var guest = host.Guests[0];
        var chain = $"vmi_{guest.Uuid:N}_in";
        var tap = GuestPorts.TapOf(host, guest);
        var profile = Path.Combine(Path.GetTempPath(), $"{ProfileId}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(profile, ProfileJson);
        var listeners = await GuestPorts.ListenAsync(host, guest, 8080, 8081);
        try
        {
            Assert.Equal("hi8081", await GuestPorts.AnswerAsync(host, guest, 8081)); // reachable before the policy
            using var silo = await RealVmSilo.StartAsync(host,
                "--VmiGrains:Network:Enabled=true", $"--VmiGrains:Network:NetworkNamespace={host.Netns}");
            await silo.VmiAsync("profile", "apply", "-f", profile);
            await silo.WaitRegisteredAsync(guest);
            await silo.VmiAsync("vm", "attach", guest.Name, ProfileId);

            // The VMI's chain is in the namespace's ruleset, dispatched from the guest's real tap (a bridge port).
            var ruleset = (await host.InNetnsAsync("nft", "list", "ruleset")).Stdout;
            Assert.Contains($"chain {chain}", ruleset, StringComparison.Ordinal);
            Assert.Matches($"\"{tap}\" : jump {chain}", ruleset);
            Assert.Equal("hi8080", await GuestPorts.AnswerAsync(host, guest, 8080));
            Assert.Equal(string.Empty, await GuestPorts.AnswerAsync(host, guest, 8081));
            var counters = (await host.InNetnsAsync("nft", "list", "chain", "bridge", "vmigrains", chain)).Stdout;
            Assert.True(NftCounters.Packets(counters, "rule 0") >= 1, $"allow rule counted no packet:\n{counters}");
            Assert.True(NftCounters.Packets(counters, "rule 1") >= 1, $"deny rule counted no dropped SYN:\n{counters}");

            // vmi vm show reads the same counters through the VMI's host (nft there, not the product's own bookkeeping).
            var show = await silo.VmiAsync("vm", "show", guest.Name);
            Assert.Contains("Network rules counted on realvm-host", show, StringComparison.Ordinal);
            Assert.True(NftCounters.ShownPackets(show, chain, "rule 1") >= NftCounters.Packets(counters, "rule 1"), show);
            Assert.True(NftCounters.ShownPackets(show, chain, "rule 0") >= NftCounters.Packets(counters, "rule 0"), show);

            var decisions = await silo.VmiAsync("vm", "decisions", guest.Name);
            Assert.Contains("network policy in force: default allow, 2 rule(s)", decisions, StringComparison.Ordinal);

            // Whether the decision admits a stateless policy follows what this kernel really takes in a bridge table.
            var bridgeConntrack = await host.InNetnsAsync("sh", "-c",
                "printf 'add table bridge probe\nadd chain bridge probe c { type filter hook input priority filter; }\nadd rule bridge probe c ct state established accept\n' | nft --check -f -");
            Assert.Equal(bridgeConntrack.ExitCode != 0, decisions.Contains("stateless on this kernel", StringComparison.Ordinal));

            await silo.VmiAsync("vm", "detach", guest.Name);
            var after = (await host.InNetnsAsync("nft", "list", "ruleset")).Stdout;
            Assert.DoesNotContain(chain, after, StringComparison.Ordinal);
            Assert.Equal("hi8081", await GuestPorts.AnswerAsync(host, guest, 8081));
        }
        finally
        {
            File.Delete(profile);
            await GuestPorts.StopAsync(host, guest, listeners);
        }
    }
}
