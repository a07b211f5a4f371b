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
    public void Parse_BadUuid_ThrowsNamingDomainAndValue()
    {
        var error = Assert.Throws<FormatException>(() => DomainXmlParser.Parse("<domain><name>x</name><uuid>nope</uuid></domain>", DomainState.NoState));

        Assert.Contains("domain 'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }
}
