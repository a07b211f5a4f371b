using VmiGrains.Domain.Guests;

namespace VmiGrains.Domain.Tests.Guests;

public sealed class LinuxCommandBuilderTests
{
    private readonly IGuestCommandBuilder _builder = GuestCommandBuilders.For(GuestOsFamily.Linux)!;

    [Fact]
    public void Start_NoPriorityNoTimeout_RunsTheProgramDirectly() =>
        Assert.Equal(new GuestCommand("/usr/bin/env", ["-0", "a b"]), _builder.Start(new ExecRequest("/usr/bin/env", ["-0", "a b"])));

    [Fact]
    public void Start_Nice_WrapsInNice() =>
        Assert.Equal(new GuestCommand("/usr/bin/nice", ["-n", "-10", "/opt/app/run", "--fast"]),
            _builder.Start(new ExecRequest("/opt/app/run", ["--fast"]) { Nice = -10 }));

    [Fact]
    public void Start_Timeout_WrapsInTimeoutWithKillAfter() =>
        Assert.Equal(new GuestCommand("/usr/bin/timeout", ["--kill-after=5s", "30s", "/bin/sleep", "60"]),
            _builder.Start(new ExecRequest("/bin/sleep", ["60"]) { Timeout = TimeSpan.FromSeconds(30) }));

    [Fact]
    public void Start_NiceAndFractionalTimeout_NiceOutermostThenTimeout() =>
        Assert.Equal(new GuestCommand("/usr/bin/nice", ["-n", "5", "/usr/bin/timeout", "--kill-after=5s", "1.5s", "/bin/true"]),
            _builder.Start(new ExecRequest("/bin/true", []) { Nice = 5, Timeout = TimeSpan.FromMilliseconds(1500) }));

    [Fact]
    public void Start_SubMillisecondTimeout_RoundsUpNeverToZero() =>
        Assert.Equal("0.001s", _builder.Start(new ExecRequest("/bin/true", []) { Timeout = TimeSpan.FromTicks(10) }).Args[1]);

    [Fact]
    public void Reprioritise_PassesNameAndNiceAsArgumentsNotShellText()
    {
        var command = _builder.Reprioritise("my app;rm", -5);

        Assert.Equal("/bin/sh", command.Path);
        Assert.Equal(["-c", LinuxCommandBuilder.ReniceScript, "vmigrains-renice", "my app;rm", "-5"], command.Args);
        Assert.Contains("/usr/bin/pgrep -x -- \"$1\"", LinuxCommandBuilder.ReniceScript, StringComparison.Ordinal);
        Assert.Contains("/usr/bin/renice -n \"$2\" -p *", LinuxCommandBuilder.ReniceScript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx", "nginx")]
    [InlineData("python3.11", @"python3\.11")]
    [InlineData("a+b(c)[d]*", @"a\+b\(c\)\[d\]\*")]
    [InlineData("a-very-long-process-name", "a-very-long-pro")]
    public void FindProcesses_Name_ExactRegexOfTheKernelsFifteenCharacterName(string app, string pattern) =>
        Assert.Equal(new GuestCommand("/usr/bin/pgrep", ["-x", "--", pattern]), _builder.FindProcesses(app));

    [Fact]
    public void Terminate_Pid_SendsSigtermToTheWrappersGroupOrThePidAndRepeatsForTheGroup() =>
        Assert.Equal(new GuestCommand("/bin/sh", ["-c", "/bin/kill -TERM -- -\"$1\" 2>/dev/null || /bin/kill -TERM -- \"$1\" || exit 1; ( sleep 1; /bin/kill -TERM -- -\"$1\" ) >/dev/null 2>&1 </dev/null & exit 0", "vmigrains-terminate", "4242"]), _builder.Terminate(4242));

    [Theory]
    [InlineData(124, true)]
    [InlineData(137, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void IsTimeoutExit_CoreutilsCodes_Recognised(int code, bool expected) => Assert.Equal(expected, _builder.IsTimeoutExit(code));
}
