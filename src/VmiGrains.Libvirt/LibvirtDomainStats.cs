namespace VmiGrains.Libvirt;

/// <summary>One record of <c>virConnectGetAllDomainStats</c>: the domain's identity and its flat parameter list.</summary>
internal sealed record LibvirtDomainStats(Guid Uuid, string Name, IReadOnlyList<TypedParameter> Parameters)
{
    /// <summary>The named parameter as an unsigned integer, or null when absent.</summary>
    public ulong? UInt64(string name)
    {
        foreach (var p in Parameters)
        {
            if (p.Name == name)
            {
                return p.AsUInt64();
            }
        }

        return null;
    }
}
