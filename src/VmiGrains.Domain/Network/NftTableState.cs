namespace VmiGrains.Domain.Network;

/// <summary>
/// What the <c>inet|bridge vmigrains</c> table holds right now, read with <c>nft -j list table</c>;
/// the compiler needs it because nft 1.0.6 cannot delete a map element or chain "if present".
/// </summary>
/// <param name="TableExists">False when the table is absent (nothing of ours is installed).</param>
/// <param name="Chains">Every chain name in the table.</param>
/// <param name="MapElements">Map name → interface name → the chain its element jumps to.</param>
public sealed record NftTableState(
    bool TableExists,
    IReadOnlySet<string> Chains,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> MapElements)
{
    /// <summary>Which table this is (and so which table the compilers write to); inet unless read from a bridge table.</summary>
    public NftDialect Dialect { get; init; } = NftDialect.Inet;

    /// <summary>No table at all.</summary>
    public static NftTableState Empty { get; } = new(false, new HashSet<string>(), new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>The elements of <paramref name="map"/>, empty when the map is absent.</summary>
    public IReadOnlyDictionary<string, string> ElementsOf(string map) =>
        MapElements.TryGetValue(map, out var elements) ? elements : new Dictionary<string, string>();

    /// <summary>True when the table, its three base chains and its maps exist.</summary>
    public bool HasSkeleton =>
        TableExists
        && NftNames.BaseChains.All(Chains.Contains)
        && MapElements.ContainsKey(NftNames.ToVmiMap)
        && MapElements.ContainsKey(NftNames.FromVmiMap)
        && MapElements.ContainsKey(NftNames.ShapeToVmiMap);
}
