using VmiGrains.Libvirt.Tests.Infrastructure;

namespace VmiGrains.Libvirt.Tests.Binding;

/// <summary>The binding against node files: each connection reads its own copy of the file.</summary>
public sealed class FixtureHostTests
{
    [Fact]
    public void GetAllDomainStats_HundredDomains_OneRecordEachWithState()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.GenerateUri(100));

        var records = connection.GetAllDomainStats();

        Assert.Equal(100, records.Count);
        Assert.Equal(100, records.Select(r => r.Uuid).Distinct().Count());
        Assert.All(records, r => Assert.Equal(1UL, r.UInt64("state.state")));
        Assert.Contains(records, r => r.Uuid == HostFixtures.GeneratedUuid(42) && r.Name == "vmi-042");
    }

    [Fact]
    public void SetInterfaceParameters_ByMac_ReadsBack()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.Uri("demo-host-a.xml"));
        using var domain = connection.LookupByName("render-01");
        TypedParameter[] wanted =
        [
            TypedParameter.UInt("inbound.average", 1000), TypedParameter.UInt("inbound.peak", 2000), TypedParameter.UInt("inbound.burst", 100),
            TypedParameter.UInt("outbound.average", 500), TypedParameter.UInt("outbound.peak", 800), TypedParameter.UInt("outbound.burst", 50),
        ];

        domain.SetInterfaceParameters("52:54:00:a1:01:03", wanted);

        var actual = domain.GetInterfaceParameters("52:54:00:a1:01:03");
        Assert.All(wanted, w => Assert.Contains(actual, a => a.Name == w.Name && a.AsUInt64() == w.AsUInt64()));
    }

    [Fact]
    public void DeviceStats_RunningDomain_ReportShape()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.Uri("demo-host-a.xml"));
        using var domain = connection.LookupByName("db-01");

        var net = domain.GetInterfaceStats("52:54:00:a1:00:04");
        var block = domain.GetBlockStats("vdb");
        var memory = domain.GetMemoryStats();

        Assert.True(net.RxBytes >= 0 && net.TxBytes >= 0);
        Assert.True(block.RdBytes >= 0 && block.WrBytes >= 0);
        Assert.NotNull(memory);
    }

    [Fact]
    public void ListAllDomains_DemoHostB_EveryDomainWithNameAndUuid()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.Uri("demo-host-b.xml"));

        var domains = connection.ListAllDomains();
        try
        {
            Assert.Equal(["ci-runner-02", "db-02", "ml-train-01", "ml-train-02"], domains.Select(d => d.Name).Order());
            Assert.All(domains, d => Assert.NotEqual(Guid.Empty, d.Uuid));
            Assert.Equal(3, Assert.Single(domains, d => d.Name == "ci-runner-02").GetInfo().State);
        }
        finally
        {
            foreach (var domain in domains)
            {
                domain.Dispose();
            }
        }
    }
}
