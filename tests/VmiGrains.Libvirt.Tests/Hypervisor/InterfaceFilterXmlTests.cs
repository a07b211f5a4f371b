using VmiGrains.Libvirt.Hypervisor;

namespace VmiGrains.Libvirt.Tests.Hypervisor;

public sealed class InterfaceFilterXmlTests
{
    private const string Domain = """
        <domain type='qemu'>
          <devices>
            <interface type='bridge'><mac address='52:54:00:00:00:01'/><source bridge='br0'/><target dev='vnet0'/></interface>
            <interface type='network'><mac address='52:54:00:00:00:02'/><source network='default'/><filterref filter='vmigrains-x'/></interface>
          </devices>
        </domain>
        """;

    [Fact]
    public void WithFilter_Name_AddsTheReferenceWhereItIsMissingAndKeepsMacAndTarget()
    {
        var changed = InterfaceFilterXml.WithFilter(Domain, "vmigrains-x");

        var single = Assert.Single(changed);
        Assert.Contains("<mac address=\"52:54:00:00:00:01\" />", single, StringComparison.Ordinal);
        Assert.Contains("<target dev=\"vnet0\" />", single, StringComparison.Ordinal);
        Assert.EndsWith("<filterref filter=\"vmigrains-x\" /></interface>", single, StringComparison.Ordinal);
    }

    [Fact]
    public void WithFilter_Null_DropsEveryReference()
    {
        var changed = InterfaceFilterXml.WithFilter(Domain, null);

        var single = Assert.Single(changed);
        Assert.Contains("52:54:00:00:00:02", single, StringComparison.Ordinal);
        Assert.DoesNotContain("filterref", single, StringComparison.Ordinal);
    }

    [Fact]
    public void WithFilter_OtherFilter_ReplacesIt()
    {
        var changed = InterfaceFilterXml.WithFilter(Domain, "vmigrains-y");

        Assert.Equal(2, changed.Count);
        Assert.All(changed, c => Assert.Contains("<filterref filter=\"vmigrains-y\" />", c, StringComparison.Ordinal));
        Assert.All(changed, c => Assert.DoesNotContain("vmigrains-x", c, StringComparison.Ordinal));
    }
}
