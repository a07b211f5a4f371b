using System.Text.Json;

namespace VmiGrains.Domain.Json;

/// <summary>
/// snake_case that keeps binary units whole: <c>MemoryKiB</c> → <c>memory_kib</c> and
/// <c>BandwidthAverageKiBps</c> → <c>bandwidth_average_kibps</c> (plain snake_case splits them into
/// <c>memory_ki_b</c>). The one naming policy of the REST API and the CLI's <c>-o json</c>.
/// </summary>
public sealed class UnitAwareSnakeCase : JsonNamingPolicy
{
    /// <summary>The shared instance.</summary>
    public static UnitAwareSnakeCase Instance { get; } = new();

    /// <inheritdoc />
    public override string ConvertName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SnakeCaseLower.ConvertName(name.Replace("KiB", "Kib", StringComparison.Ordinal).Replace("MiB", "Mib", StringComparison.Ordinal).Replace("GiB", "Gib", StringComparison.Ordinal));
    }
}
