using System.Globalization;
using System.Text;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Plans the clean-up after a crash. Rule: in table <c>inet|bridge vmigrains</c>, a chain named
/// <c>vmi_*</c> that is not a chain of a live VMI is removed with every map element jumping to it;
/// a map element of a live VMI's chain on a tap that VMI no longer has is removed. Base chains and
/// maps stay while any VMI chain does; when none remains the table goes. Nothing outside the table
/// is considered.
/// </summary>
public static class NftReconciler
{
    /// <summary>The plan for <paramref name="live"/> against <paramref name="current"/>.</summary>
    public static NftReconcilePlan Plan(IReadOnlyCollection<VmiInterfaces> live, NftTableState current)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(current);
        var tapsOfChain = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var vmi in live)
        {
            foreach (var chain in NftNames.ChainsOf(vmi.VmiId))
            {
                tapsOfChain[chain] = vmi.Taps.ToHashSet(StringComparer.Ordinal);
            }
        }

        var orphans = current.Chains
            .Where(c => c.StartsWith(NftNames.VmiChainPrefix, StringComparison.Ordinal) && !tapsOfChain.ContainsKey(c))
            .Order(StringComparer.Ordinal).ToList();
        var staleElements = new List<string>();
        var script = new StringBuilder(NftScriptCompiler.RemoveChains(orphans, current) ?? string.Empty);
        var tableGoes = script.ToString().StartsWith("delete table", StringComparison.Ordinal);
        foreach (var map in new[] { NftNames.ToVmiMap, NftNames.FromVmiMap, NftNames.ShapeToVmiMap })
        {
            foreach (var (tap, target) in current.ElementsOf(map).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (tapsOfChain.TryGetValue(target, out var taps) && !taps.Contains(tap))
                {
                    staleElements.Add($"{map}:{tap}");
                    if (!tableGoes)
                    {
                        script.Append(CultureInfo.InvariantCulture, $"delete element {current.Dialect.Prefix} {map} {{ \"{tap}\" }}\n");
                    }
                }
            }
        }

        return new NftReconcilePlan(script.Length == 0 ? null : script.ToString(), orphans, staleElements);
    }
}
