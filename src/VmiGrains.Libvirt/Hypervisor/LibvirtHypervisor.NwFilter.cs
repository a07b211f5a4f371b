using VmiGrains.Domain.Hosts;

namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>libvirt network filters on a domain's interfaces (the <c>nwfilter</c> policy backend).</summary>
public sealed partial class LibvirtHypervisor
{
    private const uint XmlInactive = 2; // VIR_DOMAIN_XML_INACTIVE: the persistent definition

    /// <inheritdoc />
    public Task<NetworkFilterResult> SetNetworkFilterAsync(Guid uuid, string filterName, string? filterXml, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filterName);
        return Run("set network filter", () =>
        {
            using var domain = Connection.TryLookupByUuid(uuid);
            if (domain is null)
            {
                return new NetworkFilterResult(KnobOutcome.Failed, NotFound(uuid));
            }

            try
            {
                if (filterXml is not null)
                {
                    Connection.DefineNetworkFilter(filterXml);
                }

                // update-device --live alone is lost at the next start: the persistent definition gets it too.
                var running = (DomainState)domain.GetInfo().State is DomainState.Running or DomainState.Blocked or DomainState.Paused;
                if (running)
                {
                    foreach (var device in InterfaceFilterXml.WithFilter(domain.GetXmlDescription(), filterXml is null ? null : filterName))
                    {
                        domain.UpdateDevice(device, DomainModificationImpact.Live);
                    }
                }

                foreach (var device in InterfaceFilterXml.WithFilter(domain.GetXmlDescription(XmlInactive), filterXml is null ? null : filterName))
                {
                    domain.UpdateDevice(device, DomainModificationImpact.Config);
                }

                if (filterXml is null)
                {
                    Connection.UndefineNetworkFilter(filterName);
                }

                return new NetworkFilterResult(KnobOutcome.Applied, null);
            }
            catch (LibvirtException e)
            {
                return new NetworkFilterResult(LibvirtErrorCodes.IsUnsupported(e.Code) ? KnobOutcome.Unsupported : KnobOutcome.Failed,
                    $"libvirt nwfilter {filterName} on {domain.Name}: {e.LibvirtMessage}");
            }
        }, cancellationToken);
    }
}
