using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>The live loop: telemetry → windows → Lua rules → actions → the host's allocation follows.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class RuleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task FeedbackBurst_RenderBurstRule_SwitchesProfileAndHostFollows()
    {
        // A neighbour on the same host with a claim of its own: with web-01 alone its CPU share is 1 whatever its
        // weight, and the switch would leave the allocation as it was (the test passed only after other tests' attaches).
        await fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("web-02")).ApplyProfileAsync("ux-personalization");
        var id = await fixture.VmiAsync("web-01");
        var vmi = fixture.Client.GetGrain<IVmiGrain>(id);
        var attached = await vmi.ApplyProfileAsync("ux-personalization");
        var appliedBefore = attached.Allocation!.AppliedAt;

        // A rendering burst: three seconds of a hot CPU.
        var now = DateTimeOffset.UtcNow;
        var burst = Enumerable.Range(0, 6).Select(i => new FeedbackSample { Timestamp = now.AddMilliseconds(-3000 + (i * 500)), Cpu = 0.95 }).ToList();
        await vmi.IngestAsync(new FeedbackBatch(burst, []));

        var view = await Eventually.GetAsync(vmi.GetAsync, v => v.ProfileId == "high-performance-rendering", what: "rule switched the profile");
        var decisions = await vmi.GetDecisionsAsync();

        var switched = Assert.Single(decisions, d => d.Kind == "profile" && d.After!.StartsWith("high-performance-rendering", StringComparison.Ordinal));
        Assert.StartsWith("rule render_burst of ux-personalization v1 line", switched.Reason, StringComparison.Ordinal);
        Assert.Equal("ux-personalization v1", switched.Before);
        // The host re-planned with the new weights (CPU 0.55 instead of 0.35) and the measured demand.
        Assert.Equal(0.55, view.EffectiveWeights!.Cpu);
        Assert.True(view.Allocation!.AppliedAt > appliedBefore, "the host applied a new allocation after the switch");
        Assert.Contains(decisions, d => d.Kind == "allocation" && d.Reason == switched.Reason);
    }

    [Fact]
    public async Task LoginEvent_FromOutside_MovesVmIntoSecurityAudit()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ml-train-02"));
        await vmi.ApplyProfileAsync("ux-personalization");

        await vmi.IngestAsync(new FeedbackBatch([], [new FeedbackEvent("login", new Dictionary<string, string> { ["user"] = "eve", ["source_ip"] = "203.0.113.7", ["failed_attempts"] = "4" }, null)]));

        var view = await vmi.GetAsync();
        Assert.Equal("security-audit", view.ProfileId);
        Assert.Contains(await vmi.GetDecisionsAsync(), d => d.Kind == "profile" && d.Reason.StartsWith("rule suspicious_login of ux-personalization", StringComparison.Ordinal) && d.Reason.EndsWith("on event login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoginEvent_FromOffice_ChangesNothing()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("web-02"));
        await vmi.ApplyProfileAsync("ux-personalization");

        await vmi.IngestAsync(new FeedbackBatch([], [new FeedbackEvent("login", new Dictionary<string, string> { ["user"] = "ann", ["source_ip"] = "10.1.2.3", ["failed_attempts"] = "0" }, null)]));

        Assert.Equal("ux-personalization", (await vmi.GetAsync()).ProfileId);
    }

    [Fact]
    public async Task DeployEvent_ShapeNetworkRule_DurableUndoAndHonestNetworkDecisions()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ci-runner-02"));
        await vmi.ApplyProfileAsync("degraded-network");

        await vmi.IngestAsync(new FeedbackBatch([], [new FeedbackEvent("deploy", new Dictionary<string, string>(), null)]));
        var view = await vmi.GetAsync();
        await vmi.DetachAsync();
        var decisions = await vmi.GetDecisionsAsync();

        var shaping = Assert.Single(view.UndoRecords);
        Assert.Equal("shaping", shaping.Kind);
        Assert.Equal("shape_network(delay=120ms, jitter=40ms, loss=2.5%, rate=2048kbps, ttl=300s)", shaping.Description);
        Assert.NotNull(shaping.ExpiresAt);
        // The test silos run without nftables enforcement; the decisions say so instead of claiming success.
        Assert.Contains(decisions, d => d.Kind == "network" && d.What.StartsWith("network policy in force: default allow, 1 rule(s) — validated only", StringComparison.Ordinal));
        Assert.Contains(decisions, d => d.Kind == "network" && d.What.StartsWith("shaping applied", StringComparison.Ordinal));
        Assert.Contains(decisions, d => d.Kind == "undo" && d.Reason == "profile detached" && d.Before == shaping.Description);
        Assert.Contains(decisions, d => d.Kind == "network" && d.What.StartsWith("shaping removed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Windows_AreCheckpointed_AndSurviveDeactivation()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("ml-train-02"));
        await vmi.IngestAsync(new FeedbackBatch([.. Enumerable.Range(0, 10).Select(i => new FeedbackSample { Mem = 0.61 })], []));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // past one checkpoint period

        await fixture.Cluster.DeactivateAsync(vmi);
        await fixture.Cluster.WaitForDeactivationAsync(vmi);
        var view = await vmi.GetAsync();

        var mem = Assert.Single(view.Metrics, m => m.Metric == "mem");
        Assert.True(mem.Samples >= 10, $"{mem.Samples} samples after re-activation");
        Assert.Equal(0.61, mem.Last, 3);
    }

    [Fact]
    public async Task Feedback_InvalidSample_RejectedWithFieldName()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("web-02"));

        var ex = await Assert.ThrowsAsync<Abstractions.Validation.InvalidRequestException>(() =>
            vmi.IngestAsync(new FeedbackBatch([new FeedbackSample { Cpu = 0.5 }, new FeedbackSample { Cpu = 1.7 }], [])));

        Assert.Equal("samples[1].cpu", ex.Errors[0].Path);
        Assert.Equal("1.7", ex.Errors[0].Value);
    }
}
