using System.Net;

namespace VmiGrains.Silo.Tests.Api;

[Collection(ApiSiloDefinition.Name)]
public sealed class MetricsTests(ApiSiloFixture fixture)
{
    [Fact]
    public async Task Metrics_WhileFeedbackIsSent_CountersMove()
    {
        using var client = fixture.Writer();
        using var attach = await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"ux-personalization"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        var before = await client.GetStringAsync("/metrics");

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("""
                {"samples":[{"cpu":0.3},{"cpu":0.35},{"cpu":0.4}],"events":[{"name":"app_start","fields":{"app":"editor"}}]}
                """));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The exporter reads the meter when scraped; counters are cumulative, so "moved" is after − before.
        var after = await Eventually.GetAsync(() => client.GetStringAsync("/metrics"),
            text => Prometheus.Sum(text, "vmigrains_samples_ingested_total") - Prometheus.Sum(before, "vmigrains_samples_ingested_total") >= 15,
            what: "vmigrains_samples_ingested_total grows by the 15 samples sent");
        Assert.True(Prometheus.Sum(after, "vmigrains_events_ingested_total") - Prometheus.Sum(before, "vmigrains_events_ingested_total") >= 5);
        Assert.True(Prometheus.Sum(after, "vmigrains_rule_evaluations_total") - Prometheus.Sum(before, "vmigrains_rule_evaluations_total") >= 5);
        Assert.True(Prometheus.Sum(after, "vmigrains_libvirt_duration_seconds_count") > 0, "libvirt calls are timed");
        Assert.Contains("# TYPE vmigrains_reaction_duration_seconds histogram", after, StringComparison.Ordinal);
        Assert.Contains("# TYPE vmigrains_rebalances_total counter", after, StringComparison.Ordinal);
    }
}
