using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>Network filters (libvirt's nwfilter driver): define, look up, undefine by name.</summary>
internal sealed partial class LibvirtConnection
{
    /// <summary>Defines or replaces a network filter from its XML (<c>virNWFilterDefineXML</c>); running guests using it are re-filtered.</summary>
    public void DefineNetworkFilter(string xml)
    {
        var filter = LibvirtNative.virNWFilterDefineXML(Handle, xml);
        if (filter == 0)
        {
            throw LibvirtException.FromLastError("virNWFilterDefineXML");
        }

        _ = LibvirtNative.virNWFilterFree(filter);
    }

    /// <summary>Whether a filter named <paramref name="name"/> is defined.</summary>
    public bool NetworkFilterExists(string name)
    {
        var filter = LibvirtNative.virNWFilterLookupByName(Handle, name);
        if (filter == 0)
        {
            var error = LibvirtException.FromLastError("virNWFilterLookupByName");
            return error.Code == LibvirtErrorCodes.NoNetworkFilter ? false : throw error;
        }

        _ = LibvirtNative.virNWFilterFree(filter);
        return true;
    }

    /// <summary>Undefines the filter named <paramref name="name"/>; false when there was none. Fails while an interface still references it.</summary>
    public bool UndefineNetworkFilter(string name)
    {
        var filter = LibvirtNative.virNWFilterLookupByName(Handle, name);
        if (filter == 0)
        {
            var error = LibvirtException.FromLastError("virNWFilterLookupByName");
            return error.Code == LibvirtErrorCodes.NoNetworkFilter ? false : throw error;
        }

        try
        {
            return LibvirtNative.virNWFilterUndefine(filter) == 0 ? true : throw LibvirtException.FromLastError("virNWFilterUndefine");
        }
        finally
        {
            _ = LibvirtNative.virNWFilterFree(filter);
        }
    }
}
