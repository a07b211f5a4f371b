using System.Net;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>Events beyond one turn's budget wait in the VMI's queue; a batch that would overflow it is refused whole.</summary>
public sealed class QueueLimitTests(QueueLimitSiloFixture fixture) : IClassFixture<QueueLimitSiloFixture>
{
    private static string Events(int count) =>
        $$"""{"samples":[{"cpu":0.5}],"events":[{{string.Join(",", Enumerable.Repeat("""{"name":"queue_probe"}""", count))}}]}""";

    [Fact]
    public async Task Feedback_BatchOverflowingTheQueue_IsRefusedWholeAndNothingIngested()
    {
        using var client = fixture.Silo.Client();
        var before = Prometheus.Sum(await client.GetStringAsync("/metrics"), "vmigrains_events_ingested_total");

        // 2 evaluated in this turn, at least 4 would wait: over the limit of 3.
        var problem = await Http.AssertProblemAsync(await client.PostAsync("/api/v1/vms/db-01/feedback", Http.Json(Events(6))), 400);

        Assert.Equal(["events"], Http.Paths(problem));
        Assert.Contains("events waiting for on_event", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("VmiGrains:Vmi:MaxQueuedEvents", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Prometheus.Sum(await client.GetStringAsync("/metrics"), "vmigrains_events_ingested_total"));
    }

    [Fact]
    public async Task Feedback_BatchThatFitsTheQueue_IsAcceptedAndEveryEventEvaluated()
    {
        using var client = fixture.Silo.Client();
        var before = await client.GetStringAsync("/metrics");

        using var response = await client.PostAsync("/api/v1/vms/db-01/feedback", Http.Json(Events(5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.GetAsync(() => client.GetStringAsync("/metrics"),
            text => Prometheus.Sum(text, "vmigrains_events_ingested_total") - Prometheus.Sum(before, "vmigrains_events_ingested_total") >= 5
                && Prometheus.Sum(text, "vmigrains_rule_evaluations_total") - Prometheus.Sum(before, "vmigrains_rule_evaluations_total") >= 5,
            what: "all 5 events ingested and evaluated, 2 per turn");
    }
}
