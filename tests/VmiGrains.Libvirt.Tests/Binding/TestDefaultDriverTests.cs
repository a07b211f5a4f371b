using VmiGrains.Libvirt.Tests.Infrastructure;

namespace VmiGrains.Libvirt.Tests.Binding;

/// <summary>The binding against libvirt's built-in <c>test:///default</c> host (one running domain named "test").</summary>
[Collection(TestDefaultDriverGroup.Name)]
public sealed class TestDefaultDriverTests
{
    public TestDefaultDriverTests() => LibvirtRequirement.Ensure();

    [Fact]
    public void GetNodeInfo_TestDefault_ReportsCpusAndMemory()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);

        var node = connection.GetNodeInfo();

        Assert.True(node.Cpus > 0);
        Assert.True(node.MemoryKiB > 0);
        Assert.Equal("TEST", connection.GetDriverType());
    }

    [Fact]
    public void SetMemory_BelowMax_ReadsBack()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");
        var target = domain.GetInfo().MaxMemoryKiB / 2;

        domain.SetMemory(target);

        Assert.Equal(target, domain.GetInfo().MemoryKiB);
    }

    [Fact]
    public void SetMemoryParameters_SoftLimit_ReadsBack()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");

        domain.SetMemoryParameters([TypedParameter.ULLong("soft_limit", 524288)]);

        Assert.Contains(domain.GetMemoryParameters(), p => p.Name == "soft_limit" && p.AsUInt64() == 524288);
    }

    [Fact]
    public void SetVcpus_One_ReadsBack()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");

        domain.SetVcpus(1);

        Assert.Equal(1, domain.GetVcpus());
    }

    [Fact]
    public void SetBlkioParameters_Weight_ReadsBack()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");

        domain.SetBlkioParameters([TypedParameter.UInt("weight", 700)]);

        Assert.Contains(domain.GetBlkioParameters(), p => p.Name == "weight" && p.Type == TypedParameterType.UInt && p.AsUInt64() == 700);
    }

    [Fact]
    public void LookupByUuid_UnknownDomain_ThrowsLibvirtExceptionWithLibvirtMessage()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);

        var error = Assert.Throws<LibvirtException>(() => connection.LookupByUuid(Guid.Parse("00000000-0000-4000-8000-0000000000ff")));

        Assert.Equal(LibvirtErrorCodes.NoDomain, error.Code);
        Assert.Contains("Domain not found", error.LibvirtMessage, StringComparison.Ordinal);
        Assert.Contains(error.LibvirtMessage, error.Message, StringComparison.Ordinal);
        Assert.Null(connection.TryLookupByUuid(Guid.Parse("00000000-0000-4000-8000-0000000000ff")));
    }

    [Fact]
    public void SetMemory_AboveMaxMemory_ThrowsLibvirtExceptionWithLibvirtMessage()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");
        var max = domain.GetInfo().MaxMemoryKiB;

        var error = Assert.Throws<LibvirtException>(() => domain.SetMemory(max * 2));

        Assert.Contains("max", error.LibvirtMessage, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(0, error.Code);
        Assert.Equal("virDomainSetMemoryFlags", error.Operation);
    }

    [Fact]
    public void SetBlkioParameters_WrongType_ThrowsLibvirtExceptionNamingTheTypes()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");

        var error = Assert.Throws<LibvirtException>(() => domain.SetBlkioParameters([TypedParameter.ULLong("weight", 500)]));

        Assert.Contains("invalid type", error.LibvirtMessage, StringComparison.Ordinal);
        Assert.Contains("weight", error.LibvirtMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void GetSchedulerParameters_TestDriver_ReportsWeightButIgnoresSet()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");
        var before = Assert.Single(domain.GetSchedulerParameters(), p => p.Name == "weight").AsUInt64();

        domain.SetSchedulerParameters([TypedParameter.UInt("weight", 900)]);

        Assert.Equal(before, Assert.Single(domain.GetSchedulerParameters(), p => p.Name == "weight").AsUInt64());
    }

    [Fact]
    public void QemuAgentCommand_TestDriver_ThrowsUnsupported()
    {
        using var connection = LibvirtConnection.Open(HostFixtures.DefaultUri);
        using var domain = connection.LookupByName("test");

        var error = Assert.Throws<LibvirtException>(() => domain.QemuAgentCommand("""{"execute":"guest-ping"}""", 5));

        Assert.True(LibvirtErrorCodes.IsUnsupported(error.Code), $"code {error.Code}: {error.LibvirtMessage}");
    }
}
