using VmiGrains.Domain.Rules;

namespace VmiGrains.Domain.Tests.RuleActions;

public sealed class RuleRunBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly RuleRunLimits Limits = new(PerEvaluation: 2, PerMinute: 3, InFlight: 2);

    [Fact]
    public void Check_WithinEveryBound_Allows() =>
        Assert.Null(RuleRunBudget.Check(Limits, 1, [Now.AddSeconds(-10), Now.AddSeconds(-70), Now.AddSeconds(-90)], 1, Now, "S"));

    [Fact]
    public void Check_EvaluationSpent_RefusedNamingTheSetting() =>
        Assert.Equal("this evaluation already started 2 run(s), the limit per evaluation (S:MaxRuleRunsPerEvaluation is 2); start fewer programs (e.g. keep a 'started' flag in vmi.state) or raise S:MaxRuleRunsPerEvaluation",
            RuleRunBudget.Check(Limits, 2, [], 0, Now, "S"));

    [Fact]
    public void Check_TooManyInFlight_Refused() =>
        Assert.StartsWith("2 run(s) started by rules are still running (S:MaxRuleRunsInFlight is 2)", RuleRunBudget.Check(Limits, 0, [], 2, Now, "S"), StringComparison.Ordinal);

    [Fact]
    public void Check_MinuteSpent_RefusedUntilTheOldestLeavesTheWindow()
    {
        DateTimeOffset[] starts = [Now.AddSeconds(-59), Now.AddSeconds(-30), Now.AddSeconds(-1)];

        Assert.StartsWith("3 run(s) started in the last minute (S:MaxRuleRunsPerMinute is 3)", RuleRunBudget.Check(Limits, 0, starts, 0, Now, "S"), StringComparison.Ordinal);
        Assert.Null(RuleRunBudget.Check(Limits, 0, starts, 0, Now.AddSeconds(2), "S"));
    }

    [Fact]
    public void Check_ZeroLimits_RefuseEveryRun() =>
        Assert.NotNull(RuleRunBudget.Check(new RuleRunLimits(0, 10, 4), 0, [], 0, Now, "S"));
}
