using VmiGrains.Domain.Rules.Actions;

namespace VmiGrains.Rules.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void EvaluateTick_HighCpu_SwitchesProfile()
    {
        using var engine = RuleTestKit.Engine();
        var program = RuleTestKit.Tick("if vmi.metrics.cpu.avg > 0.85 then return switch_profile('high-performance-rendering') end");
        var hot = engine.EvaluateTick(program, RuleTestKit.Snapshot(cpu: 0.9));
        var cold = engine.EvaluateTick(program, RuleTestKit.Snapshot(cpu: 0.2));

        Assert.Empty(hot.Errors);
        var decision = Assert.Single(hot.Decisions);
        Assert.Equal(new SwitchProfileAction("high-performance-rendering"), decision.Action);
        Assert.Equal(2, decision.Line);
        Assert.Empty(cold.Decisions);
    }
}
