using System.Globalization;
using System.Xml.Linq;
using VmiGrains.Domain.Hosts;
using VmiGrains.Domain.Labels;

namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>
/// Reads what the grains need from a libvirt domain XML: identity, memory and vcpus, interfaces (MAC and
/// target), disks (device <c>disk</c>), the guest-agent unix channel (<c>org.qemu.guest_agent.0</c>), and the
/// VMI's labels from its metadata (<see cref="VmiLabels"/>).
/// </summary>
internal static class DomainXmlParser
{
    public const string GuestAgentChannelName = "org.qemu.guest_agent.0";

    public static VmiDescriptor Parse(string xml, DomainState state)
    {
        var root = XDocument.Parse(xml).Root
            ?? throw new FormatException("domain XML has no root element; pass the output of virDomainGetXMLDesc.");
        var name = root.Element("name")?.Value
            ?? throw new FormatException("domain XML has no <name>; pass the output of virDomainGetXMLDesc.");
        var uuidText = root.Element("uuid")?.Value;
        if (!Guid.TryParse(uuidText, out var uuid))
        {
            throw new FormatException($"domain '{name}': <uuid> is '{uuidText}', not a UUID; libvirt always writes one, so this XML was not produced by libvirt.");
        }

        var maxMemory = Memory(root.Element("memory"));
        var memory = root.Element("currentMemory") is { } current ? Memory(current) : maxMemory;
        var vcpu = root.Element("vcpu");
        var vcpus = (int?)vcpu?.Attribute("current") ?? (vcpu is null ? 1 : int.Parse(vcpu.Value, CultureInfo.InvariantCulture));
        var devices = root.Element("devices");

        var interfaces = devices?.Elements("interface")
            .Select(i => (Mac: i.Element("mac")?.Attribute("address")?.Value, Target: i.Element("target")?.Attribute("dev")?.Value))
            .Where(i => i.Mac is not null)
            .Select(i => new VmiInterface(i.Mac!.ToLowerInvariant(), i.Target))
            .ToArray() ?? [];
        var disks = devices?.Elements("disk")
            .Where(d => (string?)d.Attribute("device") is null or "disk")
            .Select(d => (Target: d.Element("target")?.Attribute("dev")?.Value, Source: d.Element("source")))
            .Where(d => d.Target is not null)
            .Select(d => new VmiDisk(d.Target!, (string?)d.Source?.Attribute("file") ?? (string?)d.Source?.Attribute("dev")))
            .ToArray() ?? [];
        var agentPath = devices?.Elements("channel")
            .Where(c => (string?)c.Attribute("type") == "unix" && (string?)c.Element("target")?.Attribute("name") == GuestAgentChannelName)
            .Select(c => (string?)c.Element("source")?.Attribute("path"))
            .FirstOrDefault(p => p is not null);

        var labels = VmiLabels.From(Labels(root), out var dropped);
        return new VmiDescriptor(uuid, name, state, vcpus, memory, maxMemory, interfaces, disks, agentPath, labels) { DroppedLabels = dropped };
    }

    /// <summary>
    /// The <c>label</c> children of <c>&lt;metadata&gt;&lt;labels xmlns="https://vmigrains.dev/xmlns/labels/1"&gt;</c>; the children are
    /// matched by local name, as <c>virsh metadata --set</c> puts the namespace on the root element only.
    /// </summary>
    private static IEnumerable<(string? Key, string Value)> Labels(XElement root) =>
        root.Element("metadata")?.Element(XName.Get("labels", VmiLabels.Namespace))?.Elements()
            .Where(e => e.Name.LocalName == "label")
            .Select(e => ((string?)e.Attribute("name"), e.Value)) ?? [];

    private static ulong Memory(XElement? element)
    {
        if (element is null)
        {
            return 0;
        }

        var value = ulong.Parse(element.Value, CultureInfo.InvariantCulture);
        var unit = (string?)element.Attribute("unit") ?? "KiB";
        var bytesPerUnit = unit switch
        {
            "b" or "bytes" => 1UL,
            "KB" => 1000UL,
            "k" or "KiB" => 1UL << 10,
            "MB" => 1000UL * 1000,
            "M" or "MiB" => 1UL << 20,
            "GB" => 1000UL * 1000 * 1000,
            "G" or "GiB" => 1UL << 30,
            "T" or "TiB" => 1UL << 40,
            _ => throw new FormatException($"memory unit '{unit}' is not one libvirt writes; expected b, KiB, MiB, GiB or TiB."),
        };
        return checked(value * bytesPerUnit) / 1024;
    }
}
