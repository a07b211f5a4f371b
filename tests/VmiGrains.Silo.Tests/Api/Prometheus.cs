using System.Globalization;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>Reads a Prometheus text exposition (<c>/metrics</c>).</summary>
internal static class Prometheus
{
    /// <summary>The sum of every series of <paramref name="name"/>.</summary>
    public static double Sum(string exposition, string name) =>
        Lines(exposition).Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal)).Sum(Value);

    /// <summary>The sum of every series whose name starts with <paramref name="prefix"/> (e.g. a counter with or without <c>_total</c>).</summary>
    public static double SumPrefix(string exposition, string prefix) =>
        Lines(exposition).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Sum(Value);

    private static IEnumerable<string> Lines(string exposition) => exposition.Split('\n').Where(l => !l.StartsWith('#'));

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
