using System.Globalization;
using System.Text;

namespace VmiGrains.Libvirt.Benchmarks;

/// <summary>Writes a test-driver node file with N running domains.</summary>
internal static class HostFile
{
    public static string Write(int count)
    {
        var xml = new StringBuilder("<node><cpu><mhz>2400</mhz><model>x86_64</model><active>64</active><nodes>1</nodes><sockets>2</sockets><cores>16</cores><threads>2</threads></cpu><memory>1073741824</memory>");
        for (var i = 0; i < count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<domain type='test'><name>vmi-{i:D3}</name><memory unit='MiB'>1024</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        }

        xml.Append("</node>");
        var path = Path.Combine(Path.GetTempPath(), $"vmigrains-bench-{count}-{Environment.ProcessId}.xml");
        File.WriteAllText(path, xml.ToString());
        return path;
    }
}
