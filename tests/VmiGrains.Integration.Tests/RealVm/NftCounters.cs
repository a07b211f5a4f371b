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

    /// <summary>The PACKETS column of <c>vmi vm show</c>'s counter row for <paramref name="rule"/> of <paramref name="chain"/>.</summary>
    public static long ShownPackets(string show, string chain, string rule)
    {
        var row = Regex.Match(show, $@"^{Regex.Escape(chain)}\s+{Regex.Escape(rule)}\s+(\d+)\s+\d+\s*$", RegexOptions.Multiline);
        return row.Success ? long.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"vmi vm show has no counter row for {rule} of {chain}:\n{show}");
    }

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex PacketsPattern();
}
