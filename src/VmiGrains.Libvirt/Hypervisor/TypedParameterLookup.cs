namespace VmiGrains.Libvirt.Hypervisor;

/// <summary>Finding a named value in a getter's result.</summary>
internal static class TypedParameterLookup
{
    public static ulong? Value(this TypedParameter[]? parameters, string name)
    {
        if (parameters is null)
        {
            return null;
        }

        foreach (var p in parameters)
        {
            if (p.Name == name)
            {
                return p.AsUInt64();
            }
        }

        return null;
    }
}
