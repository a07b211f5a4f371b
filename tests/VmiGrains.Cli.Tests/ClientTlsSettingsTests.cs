namespace VmiGrains.Cli.Tests;

/// <summary>A bad <c>VMIGRAINS_TLS_CA</c> is the caller's input to fix: exit 2 naming the variable and the file, before any connection.</summary>
public sealed class ClientTlsSettingsTests
{
    [Fact]
    public async Task TlsCaFileMissing_ExitsTwo_NamingTheVariableAndThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.pem");

        var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TLS_CA"] = missing },
            "host", "list", "--gateway", "127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"vmi: VMIGRAINS_TLS_CA: cannot read PEM certificates from \"{missing}\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsCaFileWithoutCertificate_ExitsTwo_SayingWhatTheFileMustHold()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"empty-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(empty, "not a certificate\n");
        try
        {
            var result = await VmiProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["VMIGRAINS_TLS_CA"] = empty },
                "host", "list", "--gateway", "127.0.0.1:1");

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.ErrorLines);
            Assert.StartsWith($"vmi: VMIGRAINS_TLS_CA: no PEM certificate in \"{empty}\"", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }
}
