using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

internal sealed unsafe partial class LibvirtConnection
{
    /// <summary>
    /// <c>virConnectGetAllDomainStats</c>: one record per domain with the requested groups that the
    /// driver supports (the test driver returns only <c>state</c>). The record list, and the domains in
    /// it, are freed with <c>virDomainStatsRecordListFree</c> before returning.
    /// </summary>
    public List<LibvirtDomainStats> GetAllDomainStats(DomainStatsGroups groups = DomainStatsGroups.All, uint flags = 0)
    {
        NativeDomainStatsRecord** records;
        var count = LibvirtNative.virConnectGetAllDomainStats(Handle, (uint)groups, &records, flags);
        if (count < 0)
        {
            throw LibvirtException.FromLastError("virConnectGetAllDomainStats");
        }

        try
        {
            var result = new List<LibvirtDomainStats>(count);
            for (var i = 0; i < count; i++)
            {
                var record = records[i];
                var name = LibvirtNative.virDomainGetName(record->Domain);
                result.Add(new LibvirtDomainStats(
                    LibvirtDomain.ReadUuid(record->Domain, "virDomainGetUUIDString"),
                    NativeStrings.Borrow(name),
                    TypedParameterMarshaller.Read(record->Params, record->NParams)));
            }

            return result;
        }
        finally
        {
            LibvirtNative.virDomainStatsRecordListFree(records);
        }
    }
}
