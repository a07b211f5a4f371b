using System.Xml.Linq;

namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>
/// The domain's <c>&lt;interface&gt;</c> elements rewritten to reference a network filter
/// (<c>&lt;filterref filter='NAME'/&gt;</c>) or none, for <c>virDomainUpdateDeviceFlags</c> (which finds
/// an interface by its MAC). Only interfaces whose reference changes are returned.
/// </summary>
internal static class InterfaceFilterXml
{
    public static IReadOnlyList<string> WithFilter(string domainXml, string? filterName)
    {
        var changed = new List<string>();
        foreach (var element in XDocument.Parse(domainXml).Root?.Element("devices")?.Elements("interface") ?? [])
        {
            var current = element.Element("filterref");
            if ((string?)current?.Attribute("filter") == filterName && (filterName is null || !current!.HasElements))
            {
                continue;
            }

            current?.Remove();
            if (filterName is not null)
            {
                element.Add(new XElement("filterref", new XAttribute("filter", filterName)));
            }

            changed.Add(element.ToString(SaveOptions.DisableFormatting));
        }

        return changed;
    }
}
