namespace VmiGrains.Silo.Configuration;

/// <summary>Provider names accepted in configuration (compared without regard to case).</summary>
internal static class ProviderNames
{
    public const string Localhost = "Localhost";
    public const string Redis = "Redis";
    public const string Memory = "Memory";
    public const string AzureTable = "AzureTable";
    public const string AzureBlob = "AzureBlob";

    /// <summary>Membership providers.</summary>
    public static readonly IReadOnlyList<string> Clustering = [Localhost, Redis];

    /// <summary>Grain storage providers.</summary>
    public static readonly IReadOnlyList<string> Storage = [Memory, AzureTable, AzureBlob, Redis];

    /// <summary>The canonical spelling of <paramref name="name"/> among <paramref name="known"/>, or null.</summary>
    public static string? Canonical(IReadOnlyList<string> known, string? name) =>
        known.FirstOrDefault(k => string.Equals(k, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
