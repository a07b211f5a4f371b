namespace VmiGrains.Cli.Tests;

/// <summary><c>vmi completion</c>: the scripts it prints, run in real bash, zsh and fish.</summary>
public sealed class CompletionCommandTests
{
    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    public async Task Completion_VerbPrefix_OffersMatchingVerbs(string shell)
    {
        var candidates = await ShellCompletion.CompleteAsync(shell, "vmi vm de");

        Assert.Equal(["decisions", "detach"], candidates.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    public async Task Completion_OutputOption_OffersItsValues(string shell)
    {
        var candidates = await ShellCompletion.CompleteAsync(shell, "vmi vm list -o ");

        Assert.Equal(["json", "table"], candidates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Completion_TopLevel_OffersEveryVerb()
    {
        var candidates = await ShellCompletion.CompleteAsync("bash", "vmi ");

        Assert.Subset(candidates.ToHashSet(), new HashSet<string> { "profile", "rules", "host", "vm", "exec", "rollout", "completion", "--output", "--gateway", "--redis" });
    }

    [Fact]
    public async Task Completion_ClusterUnreachable_OffersOptionsOnlyAndReturns()
    {
        var closedPort = TestServices.FreePort();

        var candidates = await ShellCompletion.CompleteAsync("bash", $"vmi --gateway 127.0.0.1:{closedPort} vm show ");

        Assert.Contains("--help", candidates);
        Assert.All(candidates, c => Assert.StartsWith(c.StartsWith('/') ? "/" : "-", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completion_UnknownShell_ExitTwoNamingTheChoices()
    {
        var result = await VmiProcess.RunAsync("completion", "tcsh");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("'tcsh' not recognized. Must be one of: 'bash' 'zsh' 'fish'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletionHelp_ShowsHowToInstall()
    {
        var result = await VmiProcess.RunAsync("completion", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("source <(vmi completion bash)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("~/.config/fish/completions/vmi.fish", result.Stdout, StringComparison.Ordinal);
    }
}
