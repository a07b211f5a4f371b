using System.Text;
using VmiGrains.Domain.Guests;

namespace VmiGrains.Domain.Tests.Guests;

public sealed class WindowsCommandBuilderTests
{
    private const string PowerShell = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";
    private readonly IGuestCommandBuilder _builder = GuestCommandBuilders.For(GuestOsFamily.Windows)!;

    [Fact]
    public void Start_NoPriorityNoTimeout_RunsTheProgramDirectly() =>
        Assert.Equal(new GuestCommand(@"C:\Windows\System32\whoami.exe", ["/all"]), _builder.Start(new ExecRequest(@"C:\Windows\System32\whoami.exe", ["/all"])));

    [Fact]
    public void Start_NiceAndTimeout_PowerShellLauncherWithPriorityClassAndKill()
    {
        var command = _builder.Start(new ExecRequest(@"C:\Program Files\App\app.exe", ["a b", "it's"]) { Nice = -10, Timeout = TimeSpan.FromSeconds(30) });

        Assert.Equal(PowerShell, command.Path);
        Assert.Equal(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"], command.Args.Take(5));
        Assert.Equal(
            "$ErrorActionPreference = 'Stop'; $psi = New-Object System.Diagnostics.ProcessStartInfo; "
            + @"$psi.FileName = 'C:\Program Files\App\app.exe'; $psi.Arguments = '""a b"" it''s'; $psi.UseShellExecute = $false; "
            + "$p = [System.Diagnostics.Process]::Start($psi); $p.PriorityClass = 'High'; "
            + "if (-not $p.WaitForExit(30000)) { $p.Kill(); exit 124 }; exit $p.ExitCode",
            Decode(command));
    }

    [Theory]
    [InlineData(19, "Idle")]
    [InlineData(5, "BelowNormal")]
    [InlineData(0, "Normal")]
    [InlineData(-5, "AboveNormal")]
    [InlineData(-20, "High")]
    public void Start_Nice_MapsToThePriorityClassOfPriorityLevels(int nice, string priorityClass) =>
        Assert.Contains($"$p.PriorityClass = '{priorityClass}'; $p.WaitForExit(); exit $p.ExitCode",
            Decode(_builder.Start(new ExecRequest(@"C:\app.exe", []) { Nice = nice })), StringComparison.Ordinal);

    [Fact]
    public void Reprioritise_Name_GetProcessSetsPriorityClassAndPrintsIds() =>
        Assert.Equal(
            "Get-Process -Name 'chrome' -ErrorAction SilentlyContinue | ForEach-Object { try { $_.PriorityClass = 'BelowNormal'; $_.Id } "
            + "catch { [Console]::Error.WriteLine($_.Exception.Message) } }",
            Decode(_builder.Reprioritise("chrome.exe", 10)));

    [Fact]
    public void Reprioritise_NameWithQuotesAndWildcards_IsALiteral() =>
        Assert.StartsWith("Get-Process -Name 'it''s`[1`]`*' ", Decode(_builder.Reprioritise("it's[1]*", 0)), StringComparison.Ordinal);

    [Fact]
    public void Terminate_Pid_StopProcessForce() =>
        Assert.Equal("Stop-Process -Id 77 -Force", Decode(_builder.Terminate(77)));

    [Theory]
    [InlineData(new[] { "a", "b c" }, "a \"b c\"")]
    [InlineData(new[] { "" }, "\"\"")]
    [InlineData(new[] { "say \"hi\"" }, "\"say \\\"hi\\\"\"")]
    [InlineData(new[] { @"C:\dir with space\" }, "\"C:\\dir with space\\\\\"")]
    [InlineData(new[] { @"a\\b" }, @"a\\b")]
    public void WindowsCommandLine_Join_RoundTripsThroughTheCRuntimeRules(string[] args, string expected) =>
        Assert.Equal(expected, WindowsCommandLine.Join(args));

    [Fact]
    public void Literal_TypographicQuotes_AreDoubled() =>
        Assert.Equal("'a\u2019\u2019b'", WindowsCommandBuilder.Literal("a\u2019b"));

    private static string Decode(GuestCommand command) => Encoding.Unicode.GetString(Convert.FromBase64String(command.Args[^1]));
}
