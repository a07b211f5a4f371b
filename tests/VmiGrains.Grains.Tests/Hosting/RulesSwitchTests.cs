using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;
using VmiGrains.Grains.Hosting;

namespace VmiGrains.Grains.Tests.Hosting;

/// <summary>
/// The operator switches VmiGrains:Rules:Enabled and VmiGrains:Rules:DisabledProfiles, through the
/// silo's own service registration: a configuration reload pauses and resumes evaluation, nothing stored.
/// </summary>
public sealed class RulesSwitchTests
{
    private static readonly RuleProgram Program = new("switchable", 1, [new RuleScript("r", "function on_tick(vmi) return log('ran') end")]);

    [Fact]
    public void EvaluateTick_SwitchesFlippedByConfigurationReload_PauseAndResumeEvaluation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        using var services = new ServiceCollection().AddLogging().AddVmiGrainsServices(configuration).BuildServiceProvider();
        var engine = services.GetRequiredService<IRuleEngine>();

        Assert.Single(Evaluate(engine).Decisions);

        configuration["VmiGrains:Rules:Enabled"] = "false";
        configuration.Reload();
        var paused = Evaluate(engine);
        Assert.Empty(paused.Decisions);
        Assert.Equal("VmiGrains:Rules:Enabled=false", paused.PausedBy);

        configuration["VmiGrains:Rules:Enabled"] = "true";
        configuration["VmiGrains:Rules:DisabledProfiles:0"] = "switchable";
        configuration.Reload();
        var profilePaused = Evaluate(engine);
        Assert.Empty(profilePaused.Decisions);
        Assert.Equal("VmiGrains:Rules:DisabledProfiles contains switchable", profilePaused.PausedBy);

        configuration["VmiGrains:Rules:DisabledProfiles:0"] = "some-other-profile";
        configuration.Reload();
        var resumed = Evaluate(engine);
        Assert.Null(resumed.PausedBy);
        Assert.Single(resumed.Decisions);
    }

    private static RuleEvaluationResult Evaluate(IRuleEngine engine) =>
        engine.EvaluateTick(Program, new VmiSnapshot("vm-1", Program.ProfileId, new TelemetryWindows().Summarize(DateTimeOffset.UtcNow), [], VmiRuleState.Empty));
}
