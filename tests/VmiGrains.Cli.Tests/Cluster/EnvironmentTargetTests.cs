namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>
/// Where <c>vmi</c> looks for the cluster without <c>--gateway</c>/<c>--redis</c>: <c>VMIGRAINS_GATEWAY</c>
/// or <c>VMIGRAINS_REDIS</c> (like <c>LIBVIRT_DEFAULT_URI</c> for virsh), and the call timeout (<c>--timeout</c> or
/// <c>VMIGRAINS_TIMEOUT</c>); an option on the command line wins.
/// And <c>profile apply -f -</c> reads the document from standard input.
/// </summary>
[Collection(SiloDefinition.Name)]
public sealed class EnvironmentTargetTests(SiloProcessFixture silo)
{
    [Fact]
    public async Task GatewayFromTheEnvironment_IsUsedWithoutTheOption()
    {
        var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_GATEWAY"] = silo.Gateway }, "host", "list");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("HOST", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadGatewayInTheEnvironment_ExitTwoNamingTheVariable_TheOptionWinsOverIt()
    {
        var environment = new Dictionary<string, string> { ["VMIGRAINS_GATEWAY"] = "no-port-here" };

        var bad = await VmiProcess.RunWithEnvironmentAsync(environment, "host", "list");
        var overridden = await VmiProcess.RunWithEnvironmentAsync(environment, "--gateway", silo.Gateway, "host", "list");

        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("vmi: VMIGRAINS_GATEWAY: must be HOST:PORT of a silo gateway (got \"no-port-here\"); e.g. 127.0.0.1:30000", Assert.Single(bad.ErrorLines));
        Assert.True(overridden.ExitCode == 0, overridden.Stderr);
    }

    [Fact]
    public async Task RedisAndGatewayBothInTheEnvironment_ExitTwoSayingWhichToUnset()
    {
        var both = await VmiProcess.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["VMIGRAINS_GATEWAY"] = silo.Gateway, ["VMIGRAINS_REDIS"] = "127.0.0.1:1" }, "host", "list");

        Assert.Equal(2, both.ExitCode);
        Assert.Equal("vmi: VMIGRAINS_REDIS and VMIGRAINS_GATEWAY are both set; unset one (or pass --gateway or --redis, which win over both)", Assert.Single(both.ErrorLines));
    }

    [Fact]
    public async Task Timeout_FromTheOptionOrTheEnvironment_ABadOneIsInvalidInputNamingWhereItCameFrom()
    {
        var good = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TIMEOUT"] = "45s" }, "--gateway", silo.Gateway, "--timeout", "2m", "host", "list");
        var badOption = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string>(), "--gateway", silo.Gateway, "--timeout", "soon", "host", "list");
        var badVariable = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TIMEOUT"] = "0s" }, "--gateway", silo.Gateway, "host", "list");

        Assert.True(good.ExitCode == 0, good.Stderr);
        Assert.Equal(2, badOption.ExitCode);
        Assert.Equal("vmi: --timeout: must be a duration from 1s to 1h, such as 30s, 90s or 2m (got \"soon\")", Assert.Single(badOption.ErrorLines));
        Assert.Equal(2, badVariable.ExitCode);
        Assert.Equal("vmi: VMIGRAINS_TIMEOUT: must be a duration from 1s to 1h, such as 30s, 90s or 2m (got \"0s\")", Assert.Single(badVariable.ErrorLines));
    }

    [Fact]
    public async Task ProfileApply_DashReadsStandardInput()
    {
        var id = $"from-stdin-{Guid.NewGuid():N}"[..24];
        var document = $$$"""{"id":"{{{id}}}","name":"From stdin","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}}""";

        var applied = await VmiProcess.RunWithInputAsync(document, "--gateway", silo.Gateway, "profile", "apply", "-f", "-");
        var show = await silo.VmiAsync("profile", "show", id);

        Assert.True(applied.ExitCode == 0, applied.Stderr);
        Assert.Contains("created", applied.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
    }
}
