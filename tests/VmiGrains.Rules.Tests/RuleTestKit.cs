using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Tests;

/// <summary>Builds programs and snapshots for engine tests.</summary>
internal static class RuleTestKit
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static int s_version;

    public static RuleProgram Program(params (string Name, string Source)[] rules) =>
        new("test-profile", Interlocked.Increment(ref s_version), [.. rules.Select(r => new RuleScript(r.Name, r.Source))]);

    public static RuleProgram Tick(string body, string name = "r") =>
        Program((name, $"function on_tick(vmi)\n{body}\nend"));

    public static VmiSnapshot Snapshot(double cpu = 0.5, VmiRuleState? state = null, IReadOnlyList<TelemetryEvent>? events = null)
    {
        var windows = new TelemetryWindows();
        for (var i = 0; i < 10; i++)
        {
            windows.Add(new TelemetrySample { Timestamp = T0.AddSeconds(i), Cpu = cpu, Mem = 0.4, NetRx = 1000, NetTx = 2000, IoRead = 10, IoWrite = 20 });
        }

        return new VmiSnapshot("vm-1", "test-profile", windows.Summarize(T0.AddSeconds(9)), events ?? [], state ?? VmiRuleState.Empty);
    }

    public static LuaRuleEngine Engine(Action<RulesOptions>? configure = null)
    {
        // Tests must not depend on timing: only the clock tests set short limits themselves.
        var options = new RulesOptions { WallClockLimit = TimeSpan.FromSeconds(10), CpuTimeLimit = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new LuaRuleEngine(options);
    }
}
