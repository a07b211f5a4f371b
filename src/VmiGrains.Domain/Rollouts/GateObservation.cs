using VmiGrains.Abstractions.Model;

namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// What one VMI of a wave showed during the soak: the inputs of <see cref="RolloutGate"/>.
/// <see cref="Problems"/> are the decision lines (or state) that count against the gate, for its evidence.
/// </summary>
public sealed record GateObservation(
    string VmiId,
    string Host,
    int RuleErrors,
    int DisabledRules,
    int RuleRollbacks,
    int KnobFailures,
    bool HostUnavailable,
    bool OnTarget,
    IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing counts against the gate.</summary>
    public bool Healthy => RuleErrors == 0 && DisabledRules == 0 && RuleRollbacks == 0 && KnobFailures == 0 && !HostUnavailable && OnTarget;

    /// <summary>
    /// Reads a VMI's view and its decisions since the wave switched it. Rule errors are <c>rule-error</c>
    /// decisions; disabled rules are those the view lists; a rule-triggered rollback is a <c>profile</c>
    /// decision a rule made (its reason starts with <c>rule </c>) or the VMI no longer being on
    /// <paramref name="profileId"/> v<paramref name="version"/>; knob failures are the allocation's failed knobs.
    /// </summary>
    public static GateObservation From(VmiView view, IReadOnlyList<Decision> since, string profileId, int version)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(since);
        var problems = new List<string>();
        var errors = since.Where(d => d.Kind == "rule-error").ToList();
        problems.AddRange(errors.Take(3).Select(d => $"rule error: {d.What}"));
        problems.AddRange(view.DisabledRules.Take(3).Select(r => $"rule disabled: {r}"));
        var switchedByRule = since.Where(d => d.Kind == "profile" && d.Reason.StartsWith("rule ", StringComparison.Ordinal)).ToList();
        problems.AddRange(switchedByRule.Take(3).Select(d => $"{d.Reason}: {d.What}"));
        var onTarget = view.ProfileId == profileId && view.ProfileVersion == version;
        if (!onTarget && switchedByRule.Count == 0)
        {
            problems.Add($"on {view.ProfileId ?? "no profile"}{(view.ProfileVersion is { } v ? $" v{v}" : string.Empty)}, not {profileId} v{version}");
        }

        var failed = view.Allocation?.Failed ?? [];
        problems.AddRange(failed.Take(3).Select(f => $"knob failed: {f}"));
        if (!view.HostAvailable)
        {
            problems.Add($"host {view.Host} unavailable");
        }

        return new GateObservation(view.VmiId, view.Host, errors.Count, view.DisabledRules.Count,
            Math.Max(switchedByRule.Count, onTarget ? 0 : 1), failed.Count, !view.HostAvailable, onTarget, problems);
    }

    /// <summary>A VMI whose state could not be read: it counts against the gate, with why.</summary>
    public static GateObservation Unreadable(string vmiId, string host, string why) =>
        new(vmiId, host, 0, 0, 0, 0, HostUnavailable: false, OnTarget: false, [$"could not be read: {why}"]);
}
