using System.Globalization;
using System.Text.RegularExpressions;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>Reads rule counters from <c>nft list</c> text output.</summary>
internal static partial class NftCounters
{
    /// <summary>The packet counter of the one rule commented <paramref name="comment"/>.</summary>
    public static long Packets(string listing, string comment)
    {
        var line = listing.Split('\n').Single(l => l.Contains($"comment \"{comment}\"", StringComparison.Ordinal));
        return long.Parse(PacketsPattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex PacketsPattern();
}
