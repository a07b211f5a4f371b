using System.Globalization;
using System.Text;

namespace VmiGrains.Libvirt.Tests.Infrastructure;

/// <summary>The test-driver node files of tests/fixtures/hosts (copied next to the tests), and generated ones.</summary>
internal static class HostFixtures
{
    public const string DefaultUri = "test:///default";

    public static string Path(string fileName)
    {
        LibvirtRequirement.Ensure();
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "hosts", fileName);
        Assert.True(File.Exists(path), $"fixture {path} is missing; it is copied from tests/fixtures/hosts by the test project.");
        return path;
    }

    public static string Uri(string fileName) => "test://" + Path(fileName);

    /// <summary>The uuid the generator gives domain <paramref name="index"/>.</summary>
    public static Guid GeneratedUuid(int index) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"c0000000-0000-4000-8000-{index:x12}"));

    /// <summary>Writes a node file with <paramref name="count"/> running domains (one disk, one NIC, an agent channel each).</summary>
    public static string GenerateUri(int count)
    {
        LibvirtRequirement.Ensure();
        var xml = new StringBuilder("<node>\n  <cpu><mhz>2400</mhz><model>x86_64</model><active>64</active><nodes>2</nodes><sockets>1</sockets><cores>16</cores><threads>2</threads></cpu>\n  <memory>1073741824</memory>\n");
        for (var i = 0; i < count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                  <domain type='test'>
                    <name>vmi-{i:D3}</name>
                    <uuid>{GeneratedUuid(i)}</uuid>
                    <memory unit='MiB'>2048</memory>
                    <currentMemory unit='MiB'>1024</currentMemory>
                    <vcpu current='1'>2</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                    <devices>
                      <disk type='file' device='disk'><source file='/var/lib/libvirt/images/vmi-{i:D3}.qcow2'/><target dev='vda' bus='virtio'/></disk>
                      <interface type='network'><mac address='52:54:00:c0:{i / 256:x2}:{i % 256:x2}'/><source network='default'/></interface>
                      <channel type='unix'><source mode='bind' path='/run/vmi-{i:D3}.agent'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
                    </devices>
                  </domain>

                """);
        }

        xml.Append("</node>\n");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vmigrains-host-{count}-{Environment.ProcessId}.xml");
        File.WriteAllText(path, xml.ToString());
        return "test://" + path;
    }

    /// <summary>A minimal persistent domain definition for test:///default.</summary>
    public static string DomainXml(string name, Guid uuid) => $"""
        <domain type='test'>
          <name>{name}</name>
          <uuid>{uuid}</uuid>
          <memory unit='MiB'>512</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
          <devices><interface type='network'><mac address='52:54:00:ee:00:01'/><source network='default'/></interface></devices>
        </domain>
        """;
}
