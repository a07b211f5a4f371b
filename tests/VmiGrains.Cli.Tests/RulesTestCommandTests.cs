namespace VmiGrains.Cli.Tests;

/// <summary><c>vmi rules test</c> through the real binary, with rules that would never end in plain Lua.</summary>
public sealed class RulesTestCommandTests
{
    [Theory]
    [InlineData("on_tick", "function on_tick(vmi)\\n  local x = string.find(('a'):rep(3000), '.-.-.-b')\\nend")]
    [InlineData("top level", "local x = (('a'):rep(3000)):gsub('a-b', '')\\nfunction on_tick(vmi) end")]
    public async Task RulesTest_RuleStuckInOnePatternCall_EndsWithTheBudgetErrorAndTheRuleDisabled(string where, string source)
    {
        var profile = Path.Combine(Path.GetTempPath(), $"vmi-runaway-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(profile, $$"""
            { "id": "runaway", "name": "Runaway ({{where}})",
              "resource_weights": { "cpu": 0.25, "ram": 0.25, "network": 0.25, "storage": 0.25 },
              "behavioral_rules": [ { "name": "backtrack", "source": "{{source}}" } ] }
            """);
        try
        {
            var result = await VmiProcess.RunAsync("rules", "test", "--profile", profile, "--replay", RepoPaths.Of("examples", "telemetry", "render-burst.jsonl"));

            Assert.Equal(0, result.ExitCode);
            Assert.Matches("instruction budget exceeded|CPU time limit exceeded|wall-clock limit exceeded", result.Stdout);
            Assert.Contains("after 5 consecutive failures", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(profile);
        }
    }
}
