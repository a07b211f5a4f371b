using System.CommandLine;
using VmiGrains.Cli.Commands;
using VmiGrains.Cli.Completion;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli;

/// <summary>The <c>vmi</c> command tree and its invocation with our exit codes and error format.</summary>
internal static class VmiApp
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("vmi — manage personality profiles on a VmiGrains cluster.\n\n"
            + "Examples:\n"
            + "  vmi profile validate examples/profiles/*.json\n"
            + "  vmi rules test --profile examples/profiles/ux-personalization.json --replay examples/telemetry/render-burst.jsonl\n"
            + "  vmi profile apply -f examples/profiles/*.json\n"
            + "  vmi vm attach web-01 ux-personalization && vmi vm show web-01\n"
            + "  vmi vm decisions web-01 --since 10m\n"
            + "  source <(vmi completion bash)        # tab completion, see vmi completion --help\n"
            + "\nExit codes: 0 done, 1 runtime failure (cluster unreachable, hypervisor error), 2 invalid input.");
        root.Options.Add(GlobalOptions.Output);
        root.Options.Add(GlobalOptions.Gateway);
        root.Options.Add(GlobalOptions.Redis);
        root.Options.Add(GlobalOptions.Timeout);
        root.Subcommands.Add(ProfileCommands.Create());
        root.Subcommands.Add(RulesCommands.Create());
        root.Subcommands.Add(HostCommands.Create());
        root.Subcommands.Add(VmCommands.Create());
        root.Subcommands.Add(ExecCommand.Create());
        root.Subcommands.Add(RolloutCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors exit 2 with one line each on <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot();
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && !HelpRequested(result))
        {
            var command = string.Join(" ", CommandPath(result));
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync(ParseErrorText.Describe(command, parseError.Message).ToString());
            }

            return ExitCodes.InvalidInput;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await result.InvokeAsync(configuration);
    }

    private static bool HelpRequested(ParseResult result) =>
        result.Tokens.Any(t => t.Value is "-h" or "--help" or "-?");

    private static Stack<string> CommandPath(ParseResult result)
    {
        var names = new Stack<string>();
        for (var symbol = result.CommandResult; symbol is not null; symbol = symbol.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(symbol.Command is RootCommand ? "vmi" : symbol.Command.Name);
        }

        return names;
    }
}
