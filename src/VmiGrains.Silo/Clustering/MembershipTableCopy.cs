namespace VmiGrains.Silo.Clustering;

/// <summary>
/// The membership table as it is stored in Redis: the version row and every silo row as the provider
/// wrote it (field = silo address, value = the provider's own serialization, kept byte for byte).
/// </summary>
/// <param name="Version">The table version; null when the version row is missing (the table is gone).</param>
/// <param name="Rows">Silo rows by field name.</param>
/// <param name="Live">The rows whose silo was not Dead when they were read (empty for a table read from Redis
/// without interpretation; filled for the copy a silo keeps).</param>
internal sealed record MembershipTableCopy(int? Version, IReadOnlyDictionary<string, string> Rows, IReadOnlySet<string> Live)
{
    /// <summary>A table with no version row and no rows.</summary>
    public static readonly MembershipTableCopy Missing = new(null, new Dictionary<string, string>(), new HashSet<string>());
}
