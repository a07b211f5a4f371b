namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The same port policy as <see cref="NetworkPolicyOnRealHostTests"/>, enforced by libvirt's nwfilter
/// (<c>VmiGrains:Network:PolicyBackend=nwfilter</c>): the filter is defined in the private libvirtd,
/// referenced by the guest's interface live and in its persistent definition, and libvirt's chains for
/// the tap appear in the namespace (iptables-nft). Traffic from the namespace proves it filters.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class NwFilterPolicyOnRealHostTests(RealVmHost host)
{
    private const uint XmlInactive = 2;

    [Fact]
    public async Task VmAttach_NwFilterBackend_LibvirtChainsFilterTheTapAndDetachRemovesFilterAndReference()
    {
        var guest = host.Guests[1];
        var filter = $"vmigrains-{guest.Uuid:N}";
        var tap = GuestPorts.TapOf(host, guest);
        var profile = Path.Combine(Path.GetTempPath(), $"{NetworkPolicyOnRealHostTests.ProfileId}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(profile, NetworkPolicyOnRealHostTests.ProfileJson);
        var listeners = await GuestPorts.ListenAsync(host, guest, 8080, 8081);
        try
        {
            using var silo = await RealVmSilo.StartAsync(host,
                "--VmiGrains:Network:Enabled=true", $"--VmiGrains:Network:NetworkNamespace={host.Netns}",
                "--VmiGrains:Network:PolicyBackend=nwfilter");
            await silo.VmiAsync("profile", "apply", "-f", profile);
            await silo.WaitRegisteredAsync(guest);
            await silo.VmiAsync("vm", "attach", guest.Name, NetworkPolicyOnRealHostTests.ProfileId);

            Assert.True(host.Connection.NetworkFilterExists(filter), $"libvirt has no filter {filter}");
            using (var domain = host.Connection.LookupByUuid(guest.Uuid))
            {
                Assert.Contains($"<filterref filter='{filter}'/>", domain.GetXmlDescription(), StringComparison.Ordinal);
                Assert.Contains($"<filterref filter='{filter}'/>", domain.GetXmlDescription(XmlInactive), StringComparison.Ordinal);
            }

            var chains = (await host.InNetnsAsync("iptables", "-S")).Stdout;
            Assert.All(new[] { "FI-", "FO-", "HI-" }, prefix => Assert.Contains($"-N {prefix}{tap}", chains, StringComparison.Ordinal));
            Assert.DoesNotContain($"chain vmi_{guest.Uuid:N}_in", (await host.InNetnsAsync("nft", "list", "ruleset")).Stdout, StringComparison.Ordinal);
            Assert.Equal("hi8080", await GuestPorts.AnswerAsync(host, guest, 8080));
            Assert.Equal(string.Empty, await GuestPorts.AnswerAsync(host, guest, 8081));
            Assert.Contains("network policy in force: default allow, 2 rule(s)", await silo.VmiAsync("vm", "decisions", guest.Name), StringComparison.Ordinal);

            await silo.VmiAsync("vm", "detach", guest.Name);
            Assert.False(host.Connection.NetworkFilterExists(filter), $"filter {filter} is still defined after detach");
            using (var domain = host.Connection.LookupByUuid(guest.Uuid))
            {
                Assert.DoesNotContain("filterref", domain.GetXmlDescription(), StringComparison.Ordinal);
                Assert.DoesNotContain("filterref", domain.GetXmlDescription(XmlInactive), StringComparison.Ordinal);
            }

            Assert.DoesNotContain($"-N FI-{tap}", (await host.InNetnsAsync("iptables", "-S")).Stdout, StringComparison.Ordinal);
            Assert.Equal("hi8081", await GuestPorts.AnswerAsync(host, guest, 8081));
        }
        finally
        {
            File.Delete(profile);
            await GuestPorts.StopAsync(host, guest, listeners);
        }
    }
}
