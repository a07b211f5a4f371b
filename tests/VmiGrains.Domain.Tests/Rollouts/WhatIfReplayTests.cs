using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rollouts;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Rollouts;

public sealed class WhatIfReplayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly RuleProgram Program = new("p", 2, []);
    private static readonly Dictionary<string, FieldValue> NoValues = new(StringComparer.Ordinal);

    private static TelemetryEvent Event(string name, double secondsAgo) => new(Now.AddSeconds(-secondsAgo), name, new Dictionary<string, FieldValue>(StringComparer.Ordinal));

    private static byte[] Windows(params (double SecondsAgo, double Cpu)[] samples)
    {
        var windows = new TelemetryWindows();
        foreach (var (ago, cpu) in samples)
        {
            windows.Add(new TelemetrySample { Timestamp = Now.AddSeconds(-ago), Cpu = cpu });
        }

        return windows.Export();
    }

    [Fact]
    public void Span_DefaultWindowAtMostHundredTicksAtLeastOne()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), WhatIfReplay.Span(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), WhatIfReplay.Span(TimeSpan.FromMilliseconds(10)));
        Assert.Equal(TimeSpan.FromHours(1), WhatIfReplay.Span(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Run_TicksSeeTheWindowsAsTheyWereThen_EventsInOrder_ActionsCountedByKind()
    {
        // The rule: weight up whenever the default window has seen CPU; an emit on each login.
        var engine = new ScriptedRuleEngine((s, e) => e is null
            ? s.Metrics.Default[MetricKind.Cpu].Samples > 0 ? [new RuleDecision("hot", 1, new SetWeightAction(ResourceKind.Cpu, 0.9, null))] : []
            : e.Name == "login" ? [new RuleDecision("greet", 2, new EmitAction("hello", new Dictionary<string, FieldValue>()))] : []);

        var result = WhatIfReplay.Run(engine, "vmi-1", Program, TimeSpan.FromSeconds(1), Windows((3, 0.9)), [Event("login", 30), Event("login", 5.5), Event("idle", 2.5)], NoValues, Now);

        Assert.Equal(10, result.Ticks); // now-9 s … now
        Assert.Equal(3, result.Events);
        Assert.Equal(4, result.Actions[ActionKinds.SetWeight]); // ticks at now-3, -2, -1, 0 see the sample of now-3 s
        Assert.Equal(2, result.Actions[ActionKinds.Emit]);
        Assert.Null(result.SwitchesTo);
        Assert.Equal(["login", "login", "idle"], engine.Seen.Where(s => s.Event is not null).Select(s => s.Event!.Name));
        Assert.Equal(engine.Seen.Select(s => s.Snapshot.Metrics.At).Order(), engine.Seen.Select(s => s.Snapshot.Metrics.At)); // one timeline, in time order
    }

    [Fact]
    public void Run_SwitchToAnotherProfile_StopsThereAndNamesIt_ErrorsCounted()
    {
        var engine = new ScriptedRuleEngine(
            (s, e) => e?.Name == "escalate" ? [new RuleDecision("esc", 1, new SwitchProfileAction("p")), new RuleDecision("esc", 2, new SwitchProfileAction("locked-down"))] : [],
            (s, e) => e is null ? [new RuleError("flaky", 3, RuleErrorKind.Runtime, "boom")] : []);

        var result = WhatIfReplay.Run(engine, "vmi-1", Program, TimeSpan.FromSeconds(1), Windows(), [Event("escalate", 4.5), Event("login", 1)], NoValues, Now);

        Assert.Equal("locked-down", result.SwitchesTo); // the switch to the profile in force changes nothing
        Assert.Equal(2, result.Actions[ActionKinds.SwitchProfile]);
        Assert.Equal(5, result.Ticks); // now-9 … now-5; nothing after the switch
        Assert.Equal(1, result.Events);
        Assert.Equal(5, result.Errors);
        Assert.Equal("rule 'flaky' line 3: boom", result.FirstError);
    }

    [Fact]
    public void Run_CarriesStateValuesWithFreshRuleHealth()
    {
        var engine = new ScriptedRuleEngine((_, _) => []);
        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal) { ["n"] = FieldValue.Of(3.0) };

        WhatIfReplay.Run(engine, "vmi-1", Program, TimeSpan.FromHours(1), Windows(), [], values, Now);

        var (snapshot, _) = Assert.Single(engine.Seen);
        Assert.Equal(Now, snapshot.Metrics.At);
        Assert.Equal(FieldValue.Of(3.0), snapshot.State.Values["n"]);
        Assert.Empty(snapshot.State.Disabled);
        Assert.Equal("p", snapshot.ProfileId);
    }
}
