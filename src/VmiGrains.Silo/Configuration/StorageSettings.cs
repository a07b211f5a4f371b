using VmiGrains.Grains;

namespace VmiGrains.Silo.Configuration;

/// <summary>
/// Grain storage per storage name (section <c>VmiGrains:Storage</c>): a <c>Default</c> entry and one
/// optional entry per name in <see cref="StorageNames"/> that overrides it field by field. A Redis
/// storage without its own connection string uses the cluster's Redis connection string.
/// </summary>
internal sealed class StorageSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Storage";

    /// <summary>The entry every storage name falls back to.</summary>
    public const string DefaultEntry = "Default";

    public const string DefaultTableName = "VmiGrainsState";
    public const string DefaultContainerName = "vmigrains-state";

    /// <summary>Storage names the grains use.</summary>
    public static readonly IReadOnlyList<string> Names = [StorageNames.Profiles, StorageNames.Vmis, StorageNames.Hosts];

    /// <summary>Entries by key as configured (keys compared without regard to case).</summary>
    public IReadOnlyDictionary<string, GrainStorageSettings> Entries { get; }

    public StorageSettings(IReadOnlyDictionary<string, GrainStorageSettings> entries) =>
        Entries = new Dictionary<string, GrainStorageSettings>(entries, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the section; environment keys arrive upper-cased, so keys are matched without regard to case.</summary>
    public static StorageSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = new Dictionary<string, GrainStorageSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in configuration.GetSection(SectionName).GetChildren())
        {
            entries[child.Key] = child.Get<GrainStorageSettings>() ?? new GrainStorageSettings();
        }

        return new StorageSettings(entries);
    }

    /// <summary>The effective settings of storage <paramref name="name"/>.</summary>
    public ResolvedStorage Resolve(string name, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var own = Entries.GetValueOrDefault(name) ?? new GrainStorageSettings();
        var fallback = Entries.GetValueOrDefault(DefaultEntry) ?? new GrainStorageSettings();
        var provider = Blank(own.Provider) ?? Blank(fallback.Provider) ?? ProviderNames.Memory;
        var (connection, key) = Blank(own.ConnectionString) is { } c ? (c, $"{SectionName}:{name}:ConnectionString")
            : Blank(fallback.ConnectionString) is { } d ? (d, $"{SectionName}:{DefaultEntry}:ConnectionString")
            : IsRedis(provider) && IsRedis(cluster.Clustering) && Blank(cluster.ConnectionString) is { } r ? (r, $"{ClusterSettings.SectionName}:ConnectionString")
            : ((string?)null, $"{SectionName}:{(Blank(own.Provider) is null ? DefaultEntry : name)}:ConnectionString");
        return new ResolvedStorage(
            name,
            provider,
            connection,
            key,
            Blank(own.TableName) ?? Blank(fallback.TableName) ?? DefaultTableName,
            Blank(own.ContainerName) ?? Blank(fallback.ContainerName) ?? DefaultContainerName);
    }

    private static bool IsRedis(string? provider) => string.Equals(provider?.Trim(), ProviderNames.Redis, StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
