using System.Globalization;
using System.Text.Json;

namespace VmiGrains.RealVm.Benchmarks;

/// <summary>
/// A pair of profiles whose only difference a host can see is the CPU weight: a hot guest (cpu.last over a
/// threshold) switches from "idle" to "busy", a cool one back. The switch re-plans the host at once, so the guest's
/// <c>cpu.shares</c> moves with it. One pair per rule interval, so intervals compare side by side in one run.
/// </summary>
internal sealed record BenchProfiles(string Idle, string Busy, TimeSpan Interval)
{
    public static BenchProfiles For(TimeSpan interval)
    {
        var ms = ((int)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return new BenchProfiles($"bench-idle-{ms}ms", $"bench-busy-{ms}ms", interval);
    }

    /// <summary>Writes both profiles into <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> Write(string directory, double hot, double cool) =>
    [
        Write(directory, Idle, 0.1, $"function on_tick(vmi)\n  if vmi.metrics.cpu.samples > 0 and vmi.metrics.cpu.last > {F(hot)} then return switch_profile(\"{Busy}\") end\nend\n"),
        Write(directory, Busy, 0.7, $"function on_tick(vmi)\n  if vmi.metrics.cpu.samples > 0 and vmi.metrics.cpu.last < {F(cool)} then return switch_profile(\"{Idle}\") end\nend\n"),
    ];

    private string Write(string directory, string id, double cpu, string rule)
    {
        var rest = Math.Round((1 - cpu) / 3, 4);
        var storage = Math.Round(1 - cpu - (2 * rest), 4);
        var json = $$"""
            {
              "id": "{{id}}",
              "name": "{{id}}",
              "resource_weights": { "cpu": {{F(cpu)}}, "ram": {{F(rest)}}, "network": {{F(rest)}}, "storage": {{F(storage)}} },
              "behavioral_rules": [ { "name": "load", "source": {{JsonSerializer.Serialize(rule)}} } ],
              "evaluation_interval": "{{F(Interval.TotalMilliseconds)}}ms"
            }
            """;
        var path = Path.Combine(directory, id + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
