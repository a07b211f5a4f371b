namespace VmiGrains.Domain.Rules;

/// <summary>How many programs rules may start through <c>run(...)</c> on one VMI.</summary>
/// <param name="PerEvaluation">Most runs one evaluation (one <c>on_tick</c> or <c>on_event</c>) may start.</param>
/// <param name="PerMinute">Most runs started in any 60 s.</param>
/// <param name="InFlight">Most rule-started programs running at once.</param>
public sealed record RuleRunLimits(int PerEvaluation = 2, int PerMinute = 10, int InFlight = 4)
{
    /// <summary>The defaults.</summary>
    public static readonly RuleRunLimits Default = new();
}
