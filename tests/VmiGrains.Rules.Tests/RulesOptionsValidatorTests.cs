namespace VmiGrains.Rules.Tests;

public sealed class RulesOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new RulesOptionsValidator().Validate(null, new RulesOptions()).Succeeded);
    }

    [Fact]
    public void Validate_CpuTimeLimitOverTheWallClockLimit_FailsNamingTheFieldValueAndFix()
    {
        var result = new RulesOptionsValidator().Validate(null, new RulesOptions { CpuTimeLimit = TimeSpan.FromSeconds(1), WallClockLimit = TimeSpan.FromMilliseconds(500) });
        var failure = Assert.Single(result.Failures!);
        Assert.Equal("VmiGrains:Rules:CpuTimeLimit: out of range (got 00:00:01); set 00:00:00.001 up to Rules:WallClockLimit", failure);
    }
}
