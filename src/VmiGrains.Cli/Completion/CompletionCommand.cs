using System.CommandLine;

namespace VmiGrains.Cli.Completion;

/// <summary><c>vmi completion SHELL</c>: prints a completion script for bash, zsh or fish.</summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong(ShellScripts.Shells);
        var command = new Command("completion", "Print a shell completion script: verbs, options, VMI names, profile ids and hosts (asked of the cluster named by --gateway/--redis, 3 s at most per tab).\n\n"
            + "Examples:\n"
            + "  source <(vmi completion bash)                                   # this shell\n"
            + "  vmi completion bash > /etc/bash_completion.d/vmi                # every bash\n"
            + "  vmi completion zsh > \"${fpath[1]}/_vmi\"                         # zsh, then restart it\n"
            + "  vmi completion fish > ~/.config/fish/completions/vmi.fish\n"
            + "\nThe script runs this vmi (the path is written into it); 'vmi' must be the command you type, e.g.\n"
            + "  alias vmi='dotnet /opt/vmigrains/vmi.dll'");
        command.Arguments.Add(shell);
        command.SetAction(async (result, ct) =>
        {
            await result.InvocationConfiguration.Output.WriteAsync(ShellScripts.For(result.GetValue(shell)!, SelfCommand()));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The command that runs this vmi, quoted for a POSIX shell: the apphost, or <c>dotnet vmi.dll</c>.</summary>
    private static string SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(CompletionCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? $"{Quote(process)} {Quote(dll)}"
            : Quote(process);
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
