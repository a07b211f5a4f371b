using System.Globalization;
using System.Text;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// Windows guest commands, as Windows PowerShell 5.1 scripts passed with <c>-EncodedCommand</c>
/// (UTF-16LE base64), so no value goes through <c>cmd.exe</c> or PowerShell command-line parsing;
/// every value is a single-quoted PowerShell literal. Start: a <c>ProcessStartInfo</c> launcher sets
/// <c>PriorityClass</c> right after the start (the program runs at Normal for that instant), waits
/// with the time limit, and on expiry kills the program and exits 124. Without priority or limit the
/// program is started directly.
/// </summary>
internal sealed class WindowsCommandBuilder : IGuestCommandBuilder
{
    internal const string PowerShell = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";

    internal const int TimeoutExitCode = 124;

    public GuestOsFamily Family => GuestOsFamily.Windows;

    public GuestCommand Start(ExecRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Nice is null && request.Timeout is null)
        {
            return new GuestCommand(request.Path, request.Args);
        }

        var script = new StringBuilder()
            .Append("$ErrorActionPreference = 'Stop'; ")
            .Append("$psi = New-Object System.Diagnostics.ProcessStartInfo; ")
            .Append("$psi.FileName = ").Append(Literal(request.Path)).Append("; ")
            .Append("$psi.Arguments = ").Append(Literal(WindowsCommandLine.Join(request.Args))).Append("; ")
            .Append("$psi.UseShellExecute = $false; ")
            .Append("$p = [System.Diagnostics.Process]::Start($psi); ");
        if (request.Nice is { } nice)
        {
            script.Append("$p.PriorityClass = ").Append(Literal(ClassName(PriorityLevels.WindowsClassForNice(nice)))).Append("; ");
        }

        if (request.Timeout is { } limit)
        {
            var ms = (long)Math.Ceiling(limit.TotalMilliseconds);
            script.Append(CultureInfo.InvariantCulture, $"if (-not $p.WaitForExit({ms})) {{ $p.Kill(); exit {TimeoutExitCode} }}; ");
        }
        else
        {
            script.Append("$p.WaitForExit(); ");
        }

        script.Append("exit $p.ExitCode");
        return Encoded(script.ToString());
    }

    public GuestCommand Reprioritise(string app, int nice) => Encoded(
        $"Get-Process -Name {Literal(WildcardEscape(ProcessName(app)))} -ErrorAction SilentlyContinue | "
        + $"ForEach-Object {{ try {{ $_.PriorityClass = {Literal(ClassName(PriorityLevels.WindowsClassForNice(nice)))}; $_.Id }} "
        + "catch { [Console]::Error.WriteLine($_.Exception.Message) } }");

    public GuestCommand FindProcesses(string app) => Encoded(
        $"Get-Process -Name {Literal(WildcardEscape(ProcessName(app)))} -ErrorAction SilentlyContinue | ForEach-Object {{ $_.Id }}");

    public GuestCommand Terminate(long pid) =>
        Encoded(string.Create(CultureInfo.InvariantCulture, $"Stop-Process -Id {pid} -Force"));

    public bool IsTimeoutExit(int exitCode) => exitCode == TimeoutExitCode;

    /// <summary>The PowerShell command that runs <paramref name="script"/>.</summary>
    internal static GuestCommand Encoded(string script) => new(PowerShell,
        ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", Convert.ToBase64String(Encoding.Unicode.GetBytes(script))]);

    /// <summary>
    /// A single-quoted PowerShell literal. PowerShell also treats the typographic single quotes
    /// (U+2018..U+201B) as quote characters, so those are doubled too.
    /// </summary>
    internal static string Literal(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B')
            {
                sb.Append(c);
            }

            sb.Append(c);
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>The PowerShell <c>PriorityClass</c> name of <paramref name="priorityClass"/>.</summary>
    internal static string ClassName(WindowsPriorityClass priorityClass) => priorityClass switch
    {
        WindowsPriorityClass.Idle => "Idle",
        WindowsPriorityClass.BelowNormal => "BelowNormal",
        WindowsPriorityClass.Normal => "Normal",
        WindowsPriorityClass.AboveNormal => "AboveNormal",
        WindowsPriorityClass.High => "High",
        _ => throw new ArgumentOutOfRangeException(nameof(priorityClass), priorityClass, "unknown Windows priority class"),
    };

    /// <summary><c>Get-Process -Name</c> takes names without <c>.exe</c>.</summary>
    private static string ProcessName(string app) =>
        app.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? app[..^4] : app;

    /// <summary><c>-Name</c> is a wildcard pattern; a backtick makes <c>* ? [ ]</c> literal.</summary>
    private static string WildcardEscape(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '*' or '?' or '[' or ']' or '`')
            {
                sb.Append('`');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
