using System.Diagnostics.Metrics;
using System.Reflection;
using VmiGrains.Grains.Diagnostics;

namespace VmiGrains.Silo.Tests.Deploy;

/// <summary>
/// Series names the silo exports: every instrument of <see cref="VmiGrainsMetrics"/> named the way the
/// OpenTelemetry Prometheus exporter names it (also those with no sample yet), plus what a scrape shows
/// (Orleans' kept instruments, <c>target_info</c>) and Prometheus' own <c>up</c>.
/// </summary>
internal static class ExportedMetrics
{
    /// <summary>The series names of our own meter, derived from the instruments' names, units and kinds.</summary>
    public static IReadOnlySet<string> OwnSeries()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in typeof(VmiGrainsMetrics).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not Instrument instrument)
            {
                continue;
            }

            var family = instrument.Name.Replace('.', '_') + instrument.Unit switch
            {
                "s" => "_seconds",
                "By" => "_bytes",
                _ => string.Empty,
            };
            var kind = instrument.GetType().GetGenericTypeDefinition();
            if (kind == typeof(Counter<>))
            {
                names.Add(family + "_total");
            }
            else if (kind == typeof(Histogram<>))
            {
                names.UnionWith([family + "_bucket", family + "_sum", family + "_count"]);
            }
            else
            {
                names.Add(family);
            }
        }

        return names;
    }

    /// <summary>The series names in a scrape.</summary>
    public static IReadOnlySet<string> Scraped(string exposition) =>
        exposition.Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Everything a rule or a dashboard may read, given a scrape of a silo.</summary>
    public static IReadOnlySet<string> All(string exposition)
    {
        var all = new HashSet<string>(OwnSeries(), StringComparer.Ordinal) { "up" };
        all.UnionWith(Scraped(exposition));
        return all;
    }
}
