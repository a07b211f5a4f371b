using System.Diagnostics;

namespace VmiGrains.Cli.Tests;

/// <summary>
/// Loads the script printed by <c>vmi completion SHELL</c> into the real shell and asks it to complete a
/// command line, the way the shell would on a tab press. Only zsh's completion-system builtins
/// (<c>compadd</c>, which matches the typed prefix, <c>compdef</c>, <c>_files</c>) are stubbed, because they exist only inside zle.
/// </summary>
internal static class ShellCompletion
{
    private const string BashHarness = """
        source "$VMI_SCRIPT"
        COMP_LINE="$VMI_LINE"; COMP_POINT=${#COMP_LINE}
        read -ra COMP_WORDS <<<"$COMP_LINE"
        [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _vmi_complete
        printf '%s\n' "${COMPREPLY[@]}"
        """;

    private const string ZshHarness = """
        compdef() { : }
        compadd() { [[ $1 == -- ]] && shift; local c; for c in "$@"; do [[ $c == "${VMI_LINE##* }"* ]] && print -r -- "$c"; done; return 0 }
        _files() { print -r -- "<files>" }
        source "$VMI_SCRIPT"
        BUFFER="$VMI_LINE"; CURSOR=${#BUFFER}
        _vmi
        """;

    private const string FishHarness = """source "$VMI_SCRIPT"; complete -C "$VMI_LINE" """;

    /// <summary>The candidates <paramref name="shell"/> offers for <paramref name="line"/> with the cursor at its end.</summary>
    public static async Task<string[]> CompleteAsync(string shell, string line)
    {
        var script = await VmiProcess.RunAsync("completion", shell);
        Assert.True(script.ExitCode == 0, script.Stderr);
        var path = Path.Combine(Path.GetTempPath(), $"vmi-completion-{Guid.NewGuid():N}.{shell}");
        await File.WriteAllTextAsync(path, script.Stdout);
        try
        {
            var executable = $"/usr/bin/{shell}";
            Assert.True(File.Exists(executable), $"{executable} is missing; scripts/bootstrap.sh installs it");
            var start = new ProcessStartInfo(executable);
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(shell switch { "bash" => BashHarness, "zsh" => ZshHarness, _ => FishHarness });
            start.Environment["VMI_SCRIPT"] = path;
            start.Environment["VMI_LINE"] = line;

            // The 3 s a tab press may take is for people; on a loaded test machine starting the CLI and
            // its cluster client alone can take that long, so the tests give the lookup a minute.
            start.Environment["VMIGRAINS_COMPLETION_TIMEOUT"] = "60";
            var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
            Assert.True(code == 0, $"{shell} exited {code}: {stderr}");
            Assert.True(stderr.Length == 0, $"{shell} complained: {stderr}");

            // fish prints "candidate<TAB>description"
            return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0])];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
