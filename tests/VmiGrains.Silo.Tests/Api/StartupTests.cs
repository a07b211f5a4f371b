namespace VmiGrains.Silo.Tests.Api;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_NonLoopbackWithoutTokens_RefusesListingEveryError()
    {
        var (exitCode, output) = await SiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:HttpUrl"] = "http://0.0.0.0:18099",
            ["VmiGrains:Api:MaxRequestBodyBytes"] = "10",
        });
        Assert.Equal(2, exitCode);
        Assert.Contains("VmiGrains:Api: no ReadTokens, WriteTokens or Tokens are configured", output, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:18099", output, StringComparison.Ordinal);
        Assert.Contains("VmiGrains:Api:MaxRequestBodyBytes: must be between", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NamedTokenWithUnknownScopeOrNoSecret_RefusesNamingEach()
    {
        var (exitCode, output) = await SiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:HttpUrl"] = "http://127.0.0.1:18097",
            ["VmiGrains:Api:Tokens:ci:Token"] = "ci-token-0123456789abcdefgh",
            ["VmiGrains:Api:Tokens:ci:Scopes"] = "read,wrte",
            ["VmiGrains:Api:Tokens:nosecret:Scopes"] = "read",
        });
        Assert.Equal(2, exitCode);
        Assert.Contains("VmiGrains:Api:Tokens:ci:Scopes: unknown scope (got \"wrte\"); did you mean write?", output, StringComparison.Ordinal);
        Assert.Contains("VmiGrains:Api:Tokens:nosecret:Token: required (got nothing)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WeakAndSharedTokens_RefusesNamingEachToken()
    {
        var (exitCode, output) = await SiloProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:HttpUrl"] = "http://127.0.0.1:18098",
            ["VmiGrains:Api:ReadTokens:0"] = "short",
            ["VmiGrains:Api:ReadTokens:1"] = "shared-token-0123456789abcdef",
            ["VmiGrains:Api:WriteTokens:0"] = "shared-token-0123456789abcdef",
        });
        Assert.Equal(2, exitCode);
        Assert.Contains("VmiGrains:Api:ReadTokens:0: a token must have at least 22 characters (got 5)", output, StringComparison.Ordinal);
        Assert.Contains("is also a write token", output, StringComparison.Ordinal);
        Assert.DoesNotContain("shared-token-0123456789abcdef", output, StringComparison.Ordinal);
    }
}
