namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>
/// Hostile arguments to the real <c>vmi</c> binary against a real silo: every one ends with exit 0, 1 or
/// 2 and, when refused, error lines in the <c>ARG: what (got VALUE); fix</c> form — never a stack trace,
/// a crash or a hang (each run has the harness's 60 s limit).
/// </summary>
[Collection(SiloDefinition.Name)]
public sealed class CliArgsFuzzTests(SiloProcessFixture silo)
{
    private static readonly string Long = new('a', 20_000);

    public static TheoryData<string[]> HostileArguments() =>
    [
        ["vm", "feedback", "db-01", "--cpu", "NaN"],
        ["vm", "feedback", "db-01", "--cpu", "1e400"],
        ["vm", "feedback", "db-01", "--cpu", "-Infinity"],
        ["vm", "feedback", "db-01", "--mem", "0x10"],
        ["vm", "feedback", "db-01", "--net-rx", "-1"],
        ["vm", "feedback", "db-01", "--event", Long],
        ["vm", "feedback", "db-01", "--event", "login", "--field", "=x"],
        ["vm", "feedback", "db-01", "--event", "login", "--field", $"{Long}=v"],
        ["vm", "feedback", "db-01", "--event", "login", "--field", "user=\u202eevil\ufeff"],
        ["vm", "feedback", "db-01", "--event", "bad name!"],
        ["vm", "show", "../../etc/passwd"],
        ["vm", "show", ""],
        ["vm", "show", Long],
        ["vm", "decisions", "db-01", "--since", "99999999999999h"],
        ["vm", "decisions", "db-01", "--since", "-1m"],
        ["vm", "decisions", "db-01", "--since", "NaN"],
        ["vm", "attach", "db-01", ""],
        ["vm", "attach", "db-01", "no such profile"],
        ["vm", "replay", "db-01", "/dev/null", "--speed", "1e400"],
        ["vm", "replay", "db-01", "/dev/zero"],
        ["profile", "show", "x", "--version", "-1"],
        ["profile", "show", "ux-personalization", "--version", "99999999999"],
        ["profile", "show", "ux-personalization", "--version", "abc"],
        ["profile", "history", Long],
        ["profile", "delete", "no-such-profile"],
        ["profile", "validate", "/dev/zero"],
        ["profile", "validate", "/"],
        ["profile", "apply", "-f", "/dev/zero"],
        ["rules", "test", "--profile", "/dev/null", "--replay", "/dev/null"],
        ["exec", "db-01", "--timeout", "-1", "--", "ls"],
        ["exec", "db-01", "--timeout", "1e10", "--", "ls"],
        ["rollout", "ux-personalization", "--batch", "150"],
        ["rollout", "ux-personalization", "--batch", "NaN"],
        ["rollout", "ux-personalization", "--to-version", "0", "--dry-run"],
        ["-o", "yaml", "host", "list"],
        ["vm", "list", "--host", Long, "--profile", "\u0001"],
    ];

    [Theory]
    [MemberData(nameof(HostileArguments))]
    public async Task Vmi_HostileArguments_ExitCleanlyWithErrorLines(string[] args)
    {
        var result = await silo.VmiAsync(args);
        var what = string.Join(' ', args.Select(a => a.Length > 40 ? a[..40] + "…" : a));

        Assert.True(result.ExitCode is 0 or 1 or 2, $"vmi {what}: exit {result.ExitCode}\n{result.Stderr}");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        if (result.ExitCode != 0)
        {
            Assert.All(result.ErrorLines, line => Assert.Contains(": ", line, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Vmi_UnparsableOptionValue_NamesOptionValueAndFixWithoutTypeNames()
    {
        var result = await silo.VmiAsync("profile", "show", "ux-personalization", "--version", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--version: must be a whole number (got \"abc\"); run 'vmi profile show --help' for usage", Assert.Single(result.ErrorLines));
    }
}
