using System.Globalization;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// Whether a rule may start one more program: a run is refused when its evaluation already started
/// <see cref="RuleRunLimits.PerEvaluation"/>, when <see cref="RuleRunLimits.PerMinute"/> runs started
/// in the last 60 s, or when <see cref="RuleRunLimits.InFlight"/> are still running. The counts come
/// from the VMI's persisted executions, so a silo restart does not reset them. A rule can therefore
/// never make the guest run more than <c>InFlight</c> of its programs at once, nor start more than
/// <c>PerMinute</c> a minute, however often it is evaluated.
/// </summary>
public static class RuleRunBudget
{
    /// <summary>The window of <see cref="RuleRunLimits.PerMinute"/>.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Null when the run may start, else why not (with the setting that bounds it).</summary>
    /// <param name="limits">The bounds.</param>
    /// <param name="startedThisEvaluation">Runs this evaluation already started.</param>
    /// <param name="starts">Start times of the VMI's rule-started runs (any order).</param>
    /// <param name="inFlight">How many of them are still running.</param>
    /// <param name="now">The time.</param>
    /// <param name="section">The configuration section that holds the limits, for the message.</param>
    public static string? Check(RuleRunLimits limits, int startedThisEvaluation, IEnumerable<DateTimeOffset> starts, int inFlight, DateTimeOffset now, string section)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(starts);
        if (startedThisEvaluation >= limits.PerEvaluation)
        {
            return Refused($"this evaluation already started {startedThisEvaluation} run(s), the limit per evaluation", $"{section}:MaxRuleRunsPerEvaluation", limits.PerEvaluation);
        }

        if (inFlight >= limits.InFlight)
        {
            return Refused($"{inFlight} run(s) started by rules are still running", $"{section}:MaxRuleRunsInFlight", limits.InFlight);
        }

        var recent = starts.Count(s => s > now - Window);
        return recent >= limits.PerMinute
            ? Refused($"{recent} run(s) started in the last minute", $"{section}:MaxRuleRunsPerMinute", limits.PerMinute)
            : null;
    }

    private static string Refused(string what, string key, int limit) => string.Create(CultureInfo.InvariantCulture,
        $"{what} ({key} is {limit}); start fewer programs (e.g. keep a 'started' flag in vmi.state) or raise {key}");
}
