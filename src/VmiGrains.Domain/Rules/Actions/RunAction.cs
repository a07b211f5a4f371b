using System.Globalization;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>
/// Start one of the profile's <c>allowed_programs</c> in the guest through the trigger path; its end
/// comes back as a <c>run_finished</c> event.
/// </summary>
/// <param name="Program">An absolute guest path (<c>/usr/bin/nc</c>) or a bare name (<c>nc</c>) that an <c>allowed_programs</c> entry gives a path.</param>
/// <param name="Args">The arguments, at most <see cref="RunActionReader.MaxArgs"/>.</param>
/// <param name="App">The application whose priority (nice) and syscall faults apply; null = the program's file name.</param>
/// <param name="Timeout">When the guest ends the program (required: a rule's run always ends).</param>
public sealed record RunAction(string Program, IReadOnlyList<string> Args, string? App, TimeSpan Timeout) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.Run;

    /// <summary>The application name the profile's priorities and faults are looked up by.</summary>
    public string AppName => App ?? System.IO.Path.GetFileName(Program);

    /// <inheritdoc/>
    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"run({Program}{string.Concat(Args.Select(a => $" {Quote(a)}"))}, timeout={Timeout.TotalSeconds}s{(App is null ? string.Empty : $", app={App}")})");

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c, StringComparison.Ordinal)) ? arg : System.Text.Json.JsonSerializer.Serialize(arg);
}
