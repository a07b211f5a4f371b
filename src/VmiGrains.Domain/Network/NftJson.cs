using System.Text.Json;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Domain.Network;

/// <summary>Reads the JSON output of <c>nft -j list table|chain</c>.</summary>
public static class NftJson
{
    /// <summary>The table state from <c>nft -j list table FAMILY vmigrains</c> (family from <paramref name="dialect"/>, inet by default).</summary>
    public static NftTableState ParseTable(string json, NftDialect? dialect = null)
    {
        dialect ??= NftDialect.Inet;
        using var document = JsonDocument.Parse(json);
        var chains = new HashSet<string>(StringComparer.Ordinal);
        var maps = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var tableExists = false;
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("table", out var table) && IsOurs(table, dialect))
            {
                tableExists = true;
            }
            else if (item.TryGetProperty("chain", out var chain) && IsOurs(chain, dialect))
            {
                chains.Add(chain.GetProperty("name").GetString()!);
            }
            else if (item.TryGetProperty("map", out var map) && IsOurs(map, dialect))
            {
                maps[map.GetProperty("name").GetString()!] = ReadElements(map);
            }
        }

        return new NftTableState(tableExists, chains, maps) { Dialect = dialect };
    }

    /// <summary>The counter of each commented rule from <c>nft -j list chain ...</c>.</summary>
    public static IReadOnlyList<NetworkRuleCounter> ParseCounters(string json)
    {
        using var document = JsonDocument.Parse(json);
        var counters = new List<NetworkRuleCounter>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("rule", out var rule))
            {
                continue;
            }

            var comment = rule.TryGetProperty("comment", out var c) ? c.GetString() ?? string.Empty : string.Empty;
            foreach (var expr in rule.GetProperty("expr").EnumerateArray())
            {
                if (expr.TryGetProperty("counter", out var counter) && counter.ValueKind == JsonValueKind.Object)
                {
                    counters.Add(new NetworkRuleCounter(rule.GetProperty("chain").GetString()!, comment,
                        counter.GetProperty("packets").GetInt64(), counter.GetProperty("bytes").GetInt64()));
                }
            }
        }

        return counters;
    }

    private static bool IsOurs(JsonElement element, NftDialect dialect) =>
        element.GetProperty("family").GetString() == dialect.Family
        && (element.TryGetProperty("table", out var table) ? table.GetString() : element.GetProperty("name").GetString()) == NftNames.Table;

    private static Dictionary<string, string> ReadElements(JsonElement map)
    {
        var elements = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!map.TryGetProperty("elem", out var elem))
        {
            return elements;
        }

        foreach (var pair in elem.EnumerateArray())
        {
            var key = pair[0].GetString()!;
            var verdict = pair[1];
            if (verdict.TryGetProperty("jump", out var jump))
            {
                elements[key] = jump.GetProperty("target").GetString()!;
            }
        }

        return elements;
    }
}
