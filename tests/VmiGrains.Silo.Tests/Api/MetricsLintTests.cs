using System.Net;
using VmiGrains.Silo.Tests.Deploy;

namespace VmiGrains.Silo.Tests.Api;

/// <summary>
/// <c>/metrics</c> as Prometheus' own tools read it, after a profile's rules ticked and feedback was
/// taken in (so the histograms and counters have series), and the rules and dashboard under
/// <c>deploy/</c> against what the silo exports.
/// </summary>
[Collection(ApiSiloDefinition.Name)]
public sealed class MetricsLintTests(ApiSiloFixture fixture)
{
    [Fact]
    public async Task Metrics_AfterRulesTickedAndFeedback_PromtoolCheckMetricsFindsNoProblem()
    {
        var exposition = await ScrapeWithActivityAsync();

        var (code, output) = await Promtool.CheckMetricsAsync(exposition);

        Assert.True(code == 0 && output.Length == 0, $"promtool check metrics exited {code} with {output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length} problem(s):\n{output}");
    }

    [Fact]
    public async Task Metrics_TargetInfo_NamesTheServiceAndTheSilo()
    {
        using var client = fixture.Reader();
        var exposition = await client.GetStringAsync("/metrics");

        var info = Assert.Single(exposition.Split('\n'), l => l.StartsWith("target_info{", StringComparison.Ordinal));
        Assert.Contains("service_name=\"vmigrains-silo\"", info, StringComparison.Ordinal);
        // The silo name is host-port: one series across restarts (the silo address would add a generation).
        Assert.Contains($"service_instance_id=\"{Environment.MachineName}-{fixture.Silo.SiloPort}\"", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OwnInstruments_NamedAsTheTestDerivesThem()
    {
        var exposition = await ScrapeWithActivityAsync();

        // Guards ExportedMetrics.OwnSeries, which the rules and dashboard checks below rely on for series not yet recorded.
        var own = ExportedMetrics.Scraped(exposition).Where(n => n.StartsWith("vmigrains_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, n => Assert.Contains(n, ExportedMetrics.OwnSeries()));
    }

    [Fact]
    public async Task PrometheusRules_EveryMetricTheyRead_IsExported()
    {
        var exported = ExportedMetrics.All(await ScrapeWithActivityAsync());
        var rules = PrometheusRules.Rules();
        var recorded = rules.Where(r => r.Recording).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        var unknown = rules.SelectMany(r => PromQl.MetricNames(r.Expr).Where(n => !exported.Contains(n) && !recorded.Contains(n)).Select(n => $"{r.Name}: {n}")).ToList();

        Assert.True(unknown.Count == 0, $"rules read series the silo does not export:\n{string.Join('\n', unknown)}");
    }

    [Fact]
    public async Task GrafanaDashboard_EveryMetricItReads_IsExported()
    {
        var exported = ExportedMetrics.All(await ScrapeWithActivityAsync());
        var queries = PrometheusRules.DashboardQueries();

        var unknown = queries.SelectMany(q => PromQl.MetricNames(q.Expr).Where(n => !exported.Contains(n)).Select(n => $"{q.Panel}: {n}")).ToList();

        Assert.NotEmpty(queries);
        Assert.True(unknown.Count == 0, $"dashboard panels read series the silo does not export:\n{string.Join('\n', unknown)}");
    }

    /// <summary>Attaches a profile whose rules tick every second, sends feedback and waits until the tick and reaction histograms have samples.</summary>
    private async Task<string> ScrapeWithActivityAsync()
    {
        using var client = fixture.Writer();
        using var attach = await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"ux-personalization"}"""));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        using var feedback = await client.PostAsync("/api/v1/vms/web-01/feedback", Http.Json("""
            {"samples":[{"cpu":0.2},{"cpu":0.25}],"events":[{"name":"app_start","fields":{"app":"editor"}}]}
            """));
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        return await Eventually.GetAsync(() => client.GetStringAsync("/metrics"),
            text => Prometheus.Sum(text, "vmigrains_tick_drift_seconds_count") > 0
                && text.Contains("vmigrains_rule_evaluations_total{", StringComparison.Ordinal)
                && text.Contains("trigger=\"tick\"", StringComparison.Ordinal)
                && Prometheus.Sum(text, "vmigrains_libvirt_duration_seconds_count") > 0,
            TimeSpan.FromSeconds(60), "rule ticks, evaluations and libvirt calls are in /metrics");
    }
}
