using System.Text.RegularExpressions;

namespace VmiGrains.Silo.Configuration;

/// <summary>Checks <see cref="StorageSettings"/> and lists every problem; connection strings are never echoed.</summary>
internal static partial class StorageSettingsValidator
{
    /// <summary>Every problem, empty when every storage name resolves to a usable provider.</summary>
    public static IReadOnlyList<string> Validate(StorageSettings storage, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(cluster);
        const string s = StorageSettings.SectionName;
        var errors = new List<string>();
        string[] keys = [StorageSettings.DefaultEntry, .. StorageSettings.Names];
        foreach (var key in storage.Entries.Keys.Where(k => !keys.Contains(k, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            errors.Add($"{s}:{key}: unknown storage name{DidYouMean.Suggest(key, keys)}; use one of {string.Join(", ", keys)}");
        }

        foreach (var entry in storage.Entries.Where(e => !string.IsNullOrWhiteSpace(e.Value.Provider)))
        {
            if (ProviderNames.Canonical(ProviderNames.Storage, entry.Value.Provider) is null)
            {
                errors.Add($"{s}:{entry.Key}:Provider: unknown provider (got \"{entry.Value.Provider}\"){DidYouMean.Suggest(entry.Value.Provider, ProviderNames.Storage)}; use one of {string.Join(", ", ProviderNames.Storage)}");
            }
        }

        foreach (var name in StorageSettings.Names)
        {
            Check(errors, storage.Resolve(name, cluster));
        }

        // Storages sharing the Default entry would repeat the same line.
        return [.. errors.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The environment variable for a configuration key (<c>A:B</c> → <c>A__B</c>, upper case).</summary>
    private static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();

    private static void Check(List<string> errors, ResolvedStorage r)
    {
        const string s = StorageSettings.SectionName;
        var provider = ProviderNames.Canonical(ProviderNames.Storage, r.Provider);
        if (provider is null or ProviderNames.Memory)
        {
            return;
        }

        if (r.ConnectionString is null)
        {
            var also = provider == ProviderNames.Redis ? $" (with Redis clustering, Redis storage shares {ClusterSettings.SectionName}:ConnectionString)" : string.Empty;
            errors.Add($"{r.ConnectionKey}: required for provider {provider} (got nothing); set it, e.g. environment {EnvironmentName(r.ConnectionKey)}{also}");
            return;
        }

        var problem = provider == ProviderNames.Redis ? ConnectionStrings.CheckRedis(r.ConnectionString) : ConnectionStrings.CheckAzure(provider, r.ConnectionString);
        if (problem is not null)
        {
            var example = provider == ProviderNames.Redis ? "HOST:PORT[,password=…]" : "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net";
            errors.Add($"{r.ConnectionKey}: {problem} (value not shown); use {example}");
        }

        if (provider == ProviderNames.AzureTable && !TableName().IsMatch(r.TableName))
        {
            errors.Add($"{s}:{r.Name}:TableName: not a valid Azure table name (got \"{r.TableName}\"); use 3-63 letters and digits starting with a letter, e.g. {StorageSettings.DefaultTableName}");
        }

        if (provider == ProviderNames.AzureBlob && !ContainerName().IsMatch(r.ContainerName))
        {
            errors.Add($"{s}:{r.Name}:ContainerName: not a valid blob container name (got \"{r.ContainerName}\"); use 3-63 lowercase letters, digits and single hyphens, e.g. {StorageSettings.DefaultContainerName}");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
