using BenchmarkDotNet.Attributes;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Benchmarks;

/// <summary>
/// Bytes per VMI: what a grain keeps (windows, 16 recent events, a rule state of 8 keys); the
/// Allocated column is the answer. Lua states are pooled per profile version, not per VMI.
/// </summary>
[MemoryDiagnoser]
public class FootprintBenchmarks
{
    /// <summary>Builds and fills one VMI's rule-related state.</summary>
    [Benchmark]
#pragma warning disable CA1822 // BenchmarkDotNet runs instance methods
    public object PerVmiState()
    {
        var windows = new TelemetryWindows();
        var events = new RecentEvents();
        for (var i = 0; i < 16; i++)
        {
            events.Add(new TelemetryEvent(BenchData.T0, "login", new Dictionary<string, FieldValue>
            {
                ["user"] = FieldValue.Of("alice"),
                ["source_ip"] = FieldValue.Of("10.1.2.3"),
                ["failed_attempts"] = FieldValue.Of(0),
            }));
        }

        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        for (var i = 0; i < 8; i++)
        {
            values[$"key{i}"] = FieldValue.Of(i);
        }

        return (windows, events, VmiRuleState.Empty with { Values = values });
    }
#pragma warning restore CA1822
}
