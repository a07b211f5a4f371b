using System.Globalization;
using System.Text;

namespace VmiGrains.Benchmarking;

/// <summary>
/// The benchmarks' VMIs: UUIDs by a fleet-wide index, and libvirt test-driver host files that hold a
/// range of them. Indexes are unique across hosts, so one index range drives load over several hosts.
/// </summary>
internal static class BenchVmis
{
    /// <summary>The UUID (libvirt domain and VMI grain key) of VMI number <paramref name="i"/>.</summary>
    public static string Id(int i) => $"b0000000-0000-4000-8000-{i.ToString("x12", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A test-driver node (<c>test:///PATH</c>) with VMIs <paramref name="first"/> to
    /// <paramref name="first"/> + <paramref name="count"/> − 1; a large node, so capacity never limits them.
    /// </summary>
    public static string NodeXml(int first, int count)
    {
        var xml = new StringBuilder("<node><cpu><mhz>2900</mhz><model>x86_64</model><active>64</active><nodes>1</nodes><sockets>2</sockets><cores>16</cores><threads>2</threads></cpu><memory>536870912</memory>");
        for (var i = first; i < first + count; i++)
        {
            var mac = $"52:54:00:{(i >> 16) & 0xff:x2}:{(i >> 8) & 0xff:x2}:{i & 0xff:x2}";
            xml.Append(CultureInfo.InvariantCulture, $"<domain type='test'><name>bench-{i:D5}</name><uuid>{Id(i)}</uuid>")
               .Append("<memory unit='MiB'>4096</memory><currentMemory unit='MiB'>2048</currentMemory><vcpu>4</vcpu><os><type arch='x86_64'>hvm</type></os>")
               .Append(CultureInfo.InvariantCulture, $"<devices><interface type='network'><mac address='{mac}'/><source network='default'/></interface></devices></domain>");
        }

        return xml.Append("</node>").ToString();
    }
}
