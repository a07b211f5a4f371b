namespace VmiGrains.Silo.Tests.Deploy;

public sealed class PrometheusRulesTests
{
    [Fact]
    public async Task Rules_PromtoolCheckRules_NoErrors()
    {
        var (code, output) = await Promtool.CheckRulesAsync(PrometheusRules.File);

        Assert.True(code == 0, $"promtool check rules {PrometheusRules.File} exited {code}:\n{output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_AlertsOfTheRunbook_AllPresent()
    {
        var alerts = PrometheusRules.Rules().Where(r => !r.Recording).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "VmiGrainsSiloDown", "VmiGrainsHostNoSamples", "VmiGrainsLibvirtErrors", "VmiGrainsTickDriftHigh",
            "VmiGrainsRuleFailures", "VmiGrainsRulesDisabled", "VmiGrainsRolloutGateFailed",
        }, alerts);
    }

    [Fact]
    public void MetricNames_OfAnExpression_SkipsLabelsFunctionsGroupingAndDurations()
    {
        var names = PromQl.MetricNames("""
            sum by (job, le) (rate(a_bucket{outcome="error",x=~"b|c"}[5m])) / on (job) group_left (kind) b:rec:rate5m
              or (c_total unless c_total offset 15m) > 0.05 and bool up == 1e3
            """);

        Assert.Equal(new HashSet<string>(StringComparer.Ordinal) { "a_bucket", "b:rec:rate5m", "c_total", "up" }, names);
    }
}
