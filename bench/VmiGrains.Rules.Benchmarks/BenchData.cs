using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Benchmarks;

/// <summary>A realistic rule and snapshot shared by the benchmarks.</summary>
internal static class BenchData
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Reads ~10 snapshot fields (metrics of two windows, an event, state) and returns an action when hot.</summary>
    public const string RealisticRule = """
        function on_tick(vmi)
          local m = vmi.metrics
          local slow = vmi.window("1m")
          local busy = m.cpu.avg > 0.85 and m.cpu.last > 0.85 and slow.cpu.p95 > 0.8
          local pressure = m.mem.p95 > 0.9 or m.mem.trend > 0.01
          local chatty = m.net_rx.avg + m.net_tx.avg > 50e6
          local io = m.io_read.ewma + m.io_write.ewma
          local seen = (vmi.state.seen or 0) + 1
          vmi.state.seen = seen
          if busy and vmi.profile ~= "high-performance-rendering" then
            return switch_profile("high-performance-rendering")
          elseif pressure and not chatty and io < 1e9 and #vmi.events >= 0 then
            return set_weight("ram", 0.5, { ttl = 600 })
          end
        end
        """;

    public static RuleProgram Program(string source) => new("bench", 1, [new RuleScript("bench", source)]);

    public static VmiSnapshot Snapshot(double cpu, double mem)
    {
        var windows = new TelemetryWindows();
        for (var i = 0; i < 60; i++)
        {
            windows.Add(new TelemetrySample { Timestamp = T0.AddSeconds(i), Cpu = cpu, Mem = mem, NetRx = 1e5, NetTx = 5e4, IoRead = 1e6, IoWrite = 2e6 });
        }

        var events = new[] { new TelemetryEvent(T0, "login", new Dictionary<string, FieldValue> { ["user"] = FieldValue.Of("alice") }) };
        return new VmiSnapshot("vm-0001", "ux-personalization", windows.Summarize(T0.AddSeconds(59)), events, VmiRuleState.Empty);
    }
}
