namespace VmiGrains.Domain.Telemetry;

/// <summary>The snake_case names of <see cref="MetricKind"/> used in rules and telemetry files.</summary>
public static class MetricNames
{
    /// <summary>How many metrics there are.</summary>
    public const int Count = 6;

    /// <summary>The names, indexed by <see cref="MetricKind"/>.</summary>
    public static readonly IReadOnlyList<string> All = ["cpu", "mem", "net_rx", "net_tx", "io_read", "io_write"];

    /// <summary>The name of <paramref name="metric"/>.</summary>
    public static string NameOf(MetricKind metric) => All[(int)metric];

    /// <summary>Parses a metric name; <c>false</c> when it is not one of <see cref="All"/>.</summary>
    public static bool TryParse(string? name, out MetricKind metric)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                metric = (MetricKind)i;
                return true;
            }
        }

        metric = MetricKind.Cpu;
        return false;
    }
}
