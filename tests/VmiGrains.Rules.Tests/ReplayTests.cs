using VmiGrains.Domain.Profiles;
using VmiGrains.Rules.Replay;

namespace VmiGrains.Rules.Tests;

/// <summary>The dry-run on the shipped example profiles and telemetry.</summary>
public sealed class ReplayTests
{
    private static string Example(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", path));

    private static ReplayResult Replay(string profile, string telemetry)
    {
        var document = ProfileParser.Parse(Example($"profiles/{profile}.json"), new LuaRuleCompiler());
        var records = TelemetryJsonl.Parse(Example($"telemetry/{telemetry}.jsonl"), out var errors);
        Assert.Empty(errors);
        return RuleReplay.Run(document, records);
    }

    [Fact]
    public void Run_RenderBurst_SwitchesToHighPerformanceRenderingOnceTheWindowIsHot()
    {
        var result = Replay("ux-personalization", "render-burst");

        var step = Assert.Single(result.Steps);
        Assert.Equal("render_burst", step.Rule);
        Assert.Equal("switch_profile(high-performance-rendering)", step.Detail);
        Assert.Equal(4, step.Line);
        Assert.Equal(RuleTestKit.T0.AddSeconds(28), step.Time);
        Assert.Equal("tick; cpu last=0.92 avg=0.86; mem avg=0.42", step.Why);
        Assert.Equal("high-performance-rendering", result.FinalProfile);
        Assert.Empty(ActionAssertions.Check(Example("telemetry/render-burst.expect.json"), result));
    }

    [Fact]
    public void Run_SuspiciousLogin_OnlyTheOutsideLoginSwitchesToSecurityAudit()
    {
        var result = Replay("ux-personalization", "suspicious-login");

        var step = Assert.Single(result.Steps);
        Assert.Equal("suspicious_login", step.Rule);
        Assert.Equal("switch_profile(security-audit)", step.Detail);
        Assert.Equal(RuleTestKit.T0.AddSeconds(8), step.Time);
        Assert.Contains("event login failed_attempts=4 source_ip=203.0.113.7 user=root", step.Why, StringComparison.Ordinal);
        Assert.Equal(2, result.Events);
        Assert.Empty(ActionAssertions.Check(Example("telemetry/suspicious-login.expect.json"), result));
    }

    [Fact]
    public void Run_SecurityAuditOnLogins_EmitsAnAuditEventPerLogin()
    {
        var result = Replay("security-audit", "suspicious-login");

        Assert.Equal(["emit(audit_login, source_ip=10.1.2.3, user=alice)", "emit(audit_login, source_ip=203.0.113.7, user=root)"], result.Steps.Select(s => s.Detail));
    }

    [Fact]
    public void Check_WrongExpectation_ReportsPathValueAndFix()
    {
        var result = Replay("ux-personalization", "suspicious-login");

        var error = Assert.Single(ActionAssertions.Check("""{"expect":[{"rule":"suspicious_login","action":"switch_profile","detail":"switch_profile(minimal-footprint)"}]}""", result));
        Assert.Equal("$.expect[0]", error.Path);
        Assert.Equal("switch_profile(security-audit) at 2025-01-01T12:00:08.0000000+00:00", error.Value);
        Assert.Contains("run without --assert-actions", error.Fix, StringComparison.Ordinal);
    }

    private const string HotProfile = """
        {
          "id": "hot", "name": "Hot", "evaluation_interval": "1s",
          "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
          "behavioral_rules": [ { "name": "hot", "source": "function on_tick(vmi)\n  if vmi.metrics.cpu.last > 0.9 then return emit('hot', {}) end\nend" } ]
        }
        """;

    [Fact]
    public void Run_SamplesEveryInterval_EachRunsTheTickThatSeesIt_AsTheHostsPollDoesInTheCluster()
    {
        var trace = string.Join('\n', new[] { 0.1, 0.1, 0.1, 0.95, 0.1 }.Select((cpu, i) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"t": "{{RuleTestKit.T0.AddSeconds(i):O}}", "cpu": {{cpu}}}""")));
        var result = RuleReplay.Run(ProfileParser.Parse(HotProfile, new LuaRuleCompiler()), TelemetryJsonl.Parse(trace, out _));

        // The first sample is at the clock's start (not due); each later one, one interval on, ticks at its own time.
        Assert.Equal(4, result.Ticks);
        var step = Assert.Single(result.Steps);
        Assert.Equal(RuleTestKit.T0.AddSeconds(3), step.Time);
        Assert.StartsWith("tick; cpu last=0.95", step.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EventsOnly_TheTimerTicksEveryIntervalUpToTheLastRecord()
    {
        var trace = $$"""
            {"t": "{{RuleTestKit.T0:O}}", "event": "start"}
            {"t": "{{RuleTestKit.T0.AddSeconds(10):O}}", "event": "stop"}
            """;
        var result = RuleReplay.Run(ProfileParser.Parse(HotProfile, new LuaRuleCompiler()), TelemetryJsonl.Parse(trace, out var errors));

        Assert.Empty(errors);
        Assert.Equal(10, result.Ticks); // at 1 s … 10 s
        Assert.Equal(2, result.Events);
    }

    [Fact]
    public void Parse_BadTelemetryLines_ReportsEveryLineWithPath()
    {
        TelemetryJsonl.Parse("{\"t\":\"2025-01-01T00:00:00Z\",\"cpu\":\"hot\"}\n{\"cpu\":0.5}\n{\"t\":\"2025-01-01T00:00:00Z\",\"gpu\":1}\nnot json", out var errors);

        Assert.Equal(["line 1: $.cpu", "line 2: $.t", "line 3: $.gpu", "line 4: $"], errors.Select(e => e.Path));
        Assert.Equal("\"hot\"", errors[0].Value);
    }
}
