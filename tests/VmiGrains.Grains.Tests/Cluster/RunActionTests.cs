using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// A rule's <c>run(...)</c> through the grains against db-01's real qemu-ga: on_event → run → decision →
/// run_finished → a second rule reacting; refusals; a run in flight across a deactivation.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class RunActionTests(ClusterFixture fixture)
{
    private const string Drill = """
        {"id":"run-drill","name":"Drill","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},
         "allowed_programs":["/bin/sh","/bin/echo"],
         "application_priorities":{"drill":{"nice":12}},
         "behavioral_rules":[
          {"name":"drill","source":"function on_event(vmi, e)\n  if e.name == 'drill' then return run('sh', {'-c', e.fields.script}, {timeout = 20, app = 'drill'}) end\n  if e.name == 'burst' then return {run('/bin/echo', {'1'}), run('/bin/echo', {'2'}), run('/bin/echo', {'3'})} end\n  if e.name == 'forbidden' then return run('/usr/bin/touch', {'/tmp/x'}) end\nend"},
          {"name":"react","source":"function on_event(vmi, e)\n  if e.name == 'run_finished' and e.fields.rule == 'drill' and e.fields.exit_code == 3 then\n    return {set_weight('cpu', 0.9), emit('drill_result', {out = e.fields.stdout, state = e.fields.state, id = e.fields.execution_id})}\n  end\nend"}]}
        """;

    private async Task<IVmiGrain> DrillVmiAsync()
    {
        _ = fixture.Guest;
        await fixture.Client.GetGrain<IProfileGrain>("run-drill").DefineAsync(Drill);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(ClusterFixture.GuestVmiId);
        await vmi.DetachAsync();
        await vmi.ApplyProfileAsync("run-drill");
        return vmi;
    }

    private static Task Event(IVmiGrain vmi, string name, string? script = null) =>
        vmi.IngestAsync(new FeedbackBatch([], [new FeedbackEvent(name, script is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["script"] = script }, null)]));

    /// <summary>The decisions since <paramref name="from"/>, as a list (and as text, for the failure message).</summary>
    private static async Task<Log> DecisionsAsync(IVmiGrain vmi, DateTimeOffset from) => new([.. await vmi.GetDecisionsAsync(from)]);

    private sealed record Log(IReadOnlyList<Decision> All)
    {
        public override string ToString() => string.Join("\n", All.Select(d => $"{d.Kind}: {d.What} [{d.Reason}] → {d.After}"));
    }

    [Fact]
    public async Task Run_OnEvent_RunsInTheGuestAndItsRunFinishedIsReactedTo()
    {
        var vmi = await DrillVmiAsync();
        var from = DateTimeOffset.UtcNow;

        await Event(vmi, "drill", "echo drilled; exit 3");
        var decisions = (await Eventually.GetAsync(() => DecisionsAsync(vmi, from), d => d.All.Any(x => x.Kind == "emit" && x.What.Contains("drill_result", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the react rule saw run_finished")).All;
        var view = await vmi.GetAsync();

        var started = Assert.Single(decisions, d => d.Kind == "run" && d.What.StartsWith("rule drill ran /bin/sh -c", StringComparison.Ordinal));
        Assert.Contains("at nice 12", started.What, StringComparison.Ordinal);
        Assert.StartsWith("rule drill of run-drill v", started.Reason, StringComparison.Ordinal);
        Assert.Contains(decisions, d => d.Kind == "run" && d.What.Contains("exited with exit code 3; run_finished queued", StringComparison.Ordinal));
        Assert.Contains(decisions, d => d.Kind == "emit" && d.What.Contains($"id={started.After}", StringComparison.Ordinal) && d.What.Contains("out=drilled\n", StringComparison.Ordinal));
        Assert.Equal(0.9, view.EffectiveWeights!.Cpu, 3);
        var execution = await vmi.GetExecutionAsync(started.After!);
        Assert.Equal(("exited", 3, "drilled\n", "drill", "/bin/sh", 12), (execution.State, execution.ExitCode, execution.Stdout, execution.Rule, execution.Program, execution.Nice));
        Assert.Contains(await vmi.ListExecutionsAsync(), e => e.ExecutionId == started.After && e.Rule == "drill");
    }

    [Fact]
    public async Task Run_NotAllowedOrOverTheEvaluationBudget_RefusedAsDecisions()
    {
        var vmi = await DrillVmiAsync();
        var from = DateTimeOffset.UtcNow;

        await Event(vmi, "forbidden");
        await Event(vmi, "burst");
        var log = await DecisionsAsync(vmi, from);
        var decisions = log.All;
        Assert.True(decisions.Count(d => d.Kind.StartsWith("run", StringComparison.Ordinal)) >= 4, log.ToString());

        Assert.Contains(decisions, d => d.Kind == "run-refused" && d.What.Contains("does not allow \"/usr/bin/touch\" (allowed: /bin/sh, /bin/echo); add its absolute path to allowed_programs", StringComparison.Ordinal));
        Assert.Equal(2, decisions.Count(d => d.Kind == "run" && d.What.StartsWith("rule drill ran /bin/echo", StringComparison.Ordinal)));
        Assert.Contains(decisions, d => d.Kind == "run-refused" && d.What.Contains("run(/bin/echo 3", StringComparison.Ordinal)
            && d.What.Contains("VmiGrains:Vmi:MaxRuleRunsPerEvaluation is 2", StringComparison.Ordinal));
        Assert.DoesNotContain(decisions, d => d.Kind == "rule-error");
    }

    [Fact]
    public async Task Run_ProfileWithoutAllowedPrograms_RefusedNamingTheFix()
    {
        _ = fixture.Guest;
        await fixture.Client.GetGrain<IProfileGrain>("run-open").DefineAsync("""
            {"id":"run-open","name":"Open","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},
             "behavioral_rules":"function on_event(vmi, e) if e.name == 'drill' then return run('/bin/true') end end"}
            """);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(ClusterFixture.GuestVmiId);
        await vmi.ApplyProfileAsync("run-open");
        var from = DateTimeOffset.UtcNow;

        await Event(vmi, "drill");

        var log = await DecisionsAsync(vmi, from);
        Assert.True(log.All.Any(d => d.Kind == "run-refused"), log.ToString());
        Assert.Contains(log.All, d => d.Kind == "run-refused"
            && d.What.Contains("profile 'run-open' has no allowed_programs, and a rule may start only programs listed there; add \"/bin/true\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_InFlightAcrossDeactivation_StillYieldsRunFinished()
    {
        var vmi = await DrillVmiAsync();
        var from = DateTimeOffset.UtcNow;

        await Event(vmi, "drill", "sleep 3; echo late; exit 3");
        await fixture.Cluster.DeactivateAsync(vmi);
        await fixture.Cluster.WaitForDeactivationAsync(vmi);
        _ = await vmi.GetAsync(); // re-activates from storage: the run is still "running" there
        var decisions = (await Eventually.GetAsync(() => DecisionsAsync(vmi, from), d => d.All.Any(x => x.Kind == "emit" && x.What.Contains("out=late\n", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "run_finished after re-activation")).All;

        Assert.Contains(decisions, d => d.Kind == "run" && d.What.Contains("exited with exit code 3", StringComparison.Ordinal));
    }
}
