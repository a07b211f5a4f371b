using System.Text.Json;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// A domain undefined from the real libvirtd while the silo runs leaves the fleet (its lifecycle event
/// makes the host re-discover): not listed, <c>vmi vm show</c> says it is gone with its profile kept,
/// attach is refused naming why; defined again, it is back with its profile applied again.
/// </summary>
[Collection(RealVmGroup.Name)]
public sealed class DomainIdentityOnQemuTests(RealVmHost host)
{
    [Fact]
    public async Task UndefinedDomain_LeavesTheFleetKeepingItsProfile_AndComesBackWhenDefinedAgain()
    {
        var uuid = Guid.NewGuid();
        var name = $"vmig-{host.Tag}-leaver";
        var xml = host.DisklessDomainXml(name, uuid); // never started: define/undefine is what matters
        using var silo = await RealVmSilo.StartAsync(host);
        try
        {
            host.Connection.DefineXml(xml).Dispose();
            await Eventually.GetAsync(() => silo.TryVmiAsync("vm", "list"), r => r.Stdout.Contains(name, StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"{name} registered");
            await silo.ApplyExampleProfileAsync("minimal-footprint");
            await silo.VmiAsync("vm", "attach", name, "minimal-footprint");

            using (var domain = host.Connection.TryLookupByUuid(uuid)!)
            {
                domain.Undefine();
            }

            await Eventually.GetAsync(() => silo.TryVmiAsync("vm", "list"), r => r.ExitCode == 0 && !r.Stdout.Contains(name, StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"{name} gone from vm list");
            using (var show = await silo.JsonAsync("vm", "show", uuid.ToString()))
            {
                var v = show.RootElement;
                Assert.StartsWith("undefined from host realvm-host at ", v.GetProperty("gone").GetString(), StringComparison.Ordinal);
                Assert.Equal("minimal-footprint", v.GetProperty("profile_id").GetString());
                Assert.False(v.GetProperty("host_available").GetBoolean());
            }

            var refused = await silo.TryVmiAsync("vm", "attach", uuid.ToString(), "minimal-footprint");
            Assert.True(refused.ExitCode == 2, $"attach of a gone VMI exited {refused.ExitCode}: {refused.Stdout}{refused.Stderr}");
            Assert.Contains("its domain was undefined from host realvm-host", refused.Stderr, StringComparison.Ordinal);

            host.Connection.DefineXml(xml).Dispose();
            await Eventually.GetAsync(() => silo.TryVmiAsync("vm", "list"), r => r.Stdout.Contains(name, StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"{name} listed again");
            var decisions = await Eventually.GetAsync(() => silo.VmiAsync("-o", "json", "vm", "decisions", uuid.ToString()),
                d => d.Contains("domain defined again on host realvm-host", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the return recorded");
            Assert.Contains("domain undefined from host realvm-host: the VMI left the fleet", decisions, StringComparison.Ordinal);
            using var back = await silo.JsonAsync("vm", "show", uuid.ToString());
            Assert.Equal(JsonValueKind.Null, back.RootElement.GetProperty("gone").ValueKind);
            Assert.Equal("minimal-footprint", back.RootElement.GetProperty("profile_id").GetString());
            Assert.Equal(JsonValueKind.Object, back.RootElement.GetProperty("allocation").ValueKind);
        }
        finally
        {
            if (host.Connection.TryLookupByUuid(uuid) is { } left)
            {
                using (left)
                {
                    left.Undefine();
                }
            }
        }
    }
}
