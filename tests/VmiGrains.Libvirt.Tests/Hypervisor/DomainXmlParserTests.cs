using VmiGrains.Domain.Hosts;
using VmiGrains.Libvirt.Hypervisor;

namespace VmiGrains.Libvirt.Tests.Hypervisor;

public sealed class DomainXmlParserTests
{
    [Fact]
    public void Parse_UnitsAndDevices_ConvertsToKiBAndSkipsCdrom()
    {
        const string xml = """
            <domain type='kvm'>
              <name>db-01</name>
              <uuid>a1b2c3d4-0004-4a00-8000-00000000a004</uuid>
              <memory unit='GiB'>16</memory>
              <currentMemory unit='MiB'>8192</currentMemory>
              <vcpu current='4'>8</vcpu>
              <devices>
                <disk type='file' device='disk'><source file='/img/db.qcow2'/><target dev='vda'/></disk>
                <disk type='file' device='cdrom'><target dev='sda'/></disk>
                <interface type='bridge'><mac address='52:54:00:AA:BB:CC'/><target dev='vnet7'/></interface>
                <channel type='pty'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
              </devices>
            </domain>
            """;

        var vmi = DomainXmlParser.Parse(xml, DomainState.Paused);

        Assert.Equal((16UL * 1024 * 1024, 8UL * 1024 * 1024, 4), (vmi.MaxMemoryKiB, vmi.MemoryKiB, vmi.Vcpus));
        Assert.Equal(new VmiDisk("vda", "/img/db.qcow2"), Assert.Single(vmi.Disks));
        Assert.Equal(new VmiInterface("52:54:00:aa:bb:cc", "vnet7"), Assert.Single(vmi.Interfaces));
        Assert.Null(vmi.GuestAgentSocketPath);
        Assert.Equal(DomainState.Paused, vmi.State);
    }

    [Fact]
    public void Parse_LabelsInMetadata_AsVirshAndAsHandWrittenXmlPutThem_InvalidOnesDroppedWithWhy()
    {
        const string xml = """
            <domain type='kvm'>
              <name>web-01</name>
              <uuid>a1b2c3d4-0001-4a00-8000-00000000a001</uuid>
              <metadata>
                <other:thing xmlns:other='https://example.com/other'><label name='ignored'>x</label></other:thing>
                <vmigrains:labels xmlns:vmigrains='https://vmigrains.dev/xmlns/labels/1'>
                  <vmigrains:label name='tier'>web</vmigrains:label>
                  <label name='env'>prod</label>
                  <label name='bad key'>x</label>
                  <label name='tier'>db</label>
                </vmigrains:labels>
              </metadata>
              <memory>1048576</memory>
            </domain>
            """;

        var vmi = DomainXmlParser.Parse(xml, DomainState.Running);

        Assert.Equal(new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" }, vmi.Labels);
        Assert.Equal(["label 'bad key': label keys are 1-63 letters, digits, '.', '_', '/' or '-'", "label 'tier': given twice; the first is kept"], vmi.DroppedLabels);
    }

    [Fact]
    public void Parse_NoLabels_IsNullNotAnEmptyDictionary()
    {
        var vmi = DomainXmlParser.Parse("<domain><name>x</name><uuid>a1b2c3d4-0001-4a00-8000-00000000a001</uuid><metadata/></domain>", DomainState.Running);

        Assert.Null(vmi.Labels);
        Assert.Empty(vmi.DroppedLabels);
    }

    [Fact]
    public void Parse_BadUuid_ThrowsNamingDomainAndValue()
    {
        var error = Assert.Throws<FormatException>(() => DomainXmlParser.Parse("<domain><name>x</name><uuid>nope</uuid></domain>", DomainState.NoState));

        Assert.Contains("domain 'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }
}
