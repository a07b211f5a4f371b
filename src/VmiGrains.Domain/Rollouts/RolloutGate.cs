namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// The health gate after a wave's soak. Rule: the gate passes only when every VMI of the wave is on the
/// rollout's version with no rule error, no disabled rule, no rule-triggered switch away, no failed
/// knob, and its host answered — one unhealthy VMI fails the wave, because a canary exists to catch the
/// first one. When the target version has a <c>rollout_gate</c>, its <see cref="MetricGate"/> result must hold too.
/// The evidence counts each kind, names up to <see cref="MaxExamples"/> VMIs with their problems, and ends with the
/// metric condition's evidence.
/// </summary>
public static class RolloutGate
{
    /// <summary>Most unhealthy VMIs named in the evidence.</summary>
    public const int MaxExamples = 5;

    /// <summary>Evaluates <paramref name="observations"/> of the wave called <paramref name="wave"/>, and <paramref name="metric"/> when there is one.</summary>
    public static GateResult Evaluate(string wave, IReadOnlyList<GateObservation> observations, GateResult? metric = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var unhealthy = observations.Where(o => !o.Healthy).ToList();
        var hosts = observations.Where(o => o.HostUnavailable).Select(o => o.Host).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var counts = $"{observations.Sum(o => o.RuleErrors)} rule error(s), {observations.Sum(o => o.DisabledRules)} disabled rule(s), "
            + $"{observations.Sum(o => o.RuleRollbacks)} rule-triggered rollback(s), {observations.Sum(o => o.KnobFailures)} failed knob(s), "
            + $"{hosts.Count} unavailable host(s){(hosts.Count > 0 ? $" ({string.Join(", ", hosts)})" : string.Empty)}";
        var metricEvidence = metric is null ? string.Empty : $"; {metric.Evidence}";
        if (unhealthy.Count == 0)
        {
            return metric is null or { Passed: true }
                ? new GateResult(true, $"{wave} healthy: {observations.Count} VMI(s); {counts}{metricEvidence}")
                : new GateResult(false, $"{wave} unhealthy by its metric: {observations.Count} VMI(s); {counts}{metricEvidence}");
        }

        var examples = string.Join("; ", unhealthy.Take(MaxExamples).Select(o => $"{o.VmiId} on {o.Host}: {string.Join(", ", o.Problems)}"));
        return new GateResult(false, $"{wave} unhealthy: {unhealthy.Count} of {observations.Count} VMI(s); {counts}; {examples}{metricEvidence}");
    }
}
