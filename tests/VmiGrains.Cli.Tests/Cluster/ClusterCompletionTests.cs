namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>Tab completion of VMI names, profile ids and hosts, asked of a real silo process.</summary>
[Collection(SiloDefinition.Name)]
public sealed class ClusterCompletionTests(SiloProcessFixture silo)
{
    [Theory]
    [InlineData("bash")]
    [InlineData("fish")]
    public async Task Completion_VmiArgument_OffersVmiNamesFromTheCluster(string shell)
    {
        var candidates = await ShellCompletion.CompleteAsync(shell, $"vmi --gateway {silo.Gateway} vm show web");

        Assert.Equal(["web-01", "web-02"], candidates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Completion_ProfileArgument_OffersStoredProfileIds()
    {
        var apply = await silo.VmiAsync("profile", "apply", "-f", RepoPaths.Of("examples", "profiles", "security-audit.json"), RepoPaths.Of("examples", "profiles", "ml-training.json"));
        Assert.Equal(0, apply.ExitCode);

        var candidates = await ShellCompletion.CompleteAsync("zsh", $"vmi --gateway {silo.Gateway} vm attach web-01 s");

        Assert.Equal(["security-audit"], candidates);
    }

    [Fact]
    public async Task Completion_HostOption_OffersHostNames()
    {
        var candidates = await ShellCompletion.CompleteAsync("bash", $"vmi --gateway {silo.Gateway} vm list --host ");

        Assert.Equal(["demo-host-a"], candidates);
    }
}
