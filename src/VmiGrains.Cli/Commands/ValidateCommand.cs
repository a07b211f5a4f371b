using System.CommandLine;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Input;
using VmiGrains.Cli.Output;
using VmiGrains.Domain.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Rules;

namespace VmiGrains.Cli.Commands;

/// <summary>
/// <c>vmi profile validate FILE...</c>: offline, no cluster. Exit 0 when every file is valid, 2 when
/// any is not (or cannot be read); one line per error on stderr.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Lua syntax is checked with the same compiler the cluster uses.</summary>
    private static readonly IRuleCompiler Compiler = new LuaRuleCompiler();

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Profile documents (JSON) to check; '-' reads standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check profile documents offline and report every error.\n\n"
            + "Examples:\n"
            + "  vmi profile validate examples/profiles/*.json\n"
            + "  vmi profile validate -o json my-profile.json | jq '.[].errors'")
        {
            files,
        };
        command.SetAction(result => Run(result.GetValue(files)!, GlobalOptions.IsJson(result), result.InvocationConfiguration));
        return command;
    }

    private static int Run(string[] files, bool json, InvocationConfiguration io)
    {
        var outcomes = files.Select(Check).ToList();
        foreach (var outcome in outcomes.Where(o => o.Errors.Count > 0))
        {
            ErrorLines.Write(io.Error, outcome.File, outcome.Errors);
        }

        if (json)
        {
            WriteJson(io.Output, outcomes);
        }
        else
        {
            foreach (var outcome in outcomes.Where(o => o.Profile is not null))
            {
                var p = outcome.Profile!;
                io.Output.WriteLine($"{outcome.File}: ok — {p.Id} \"{p.Name}\": {p.BehavioralRules.Count} rule script(s), "
                    + $"{p.NetworkPolicy.Rules.Count} network rule(s), {p.ApplicationPriorities.Count} application(s)");
            }
        }

        return outcomes.All(o => o.Errors.Count == 0) ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static Outcome Check(string file)
    {
        string text;
        try
        {
            if (InputFile.TryRead(file, out var decodeError) is not { } decoded)
            {
                return new Outcome(file, null, [decodeError!]);
            }

            text = decoded;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var fix = ex is FileNotFoundException or DirectoryNotFoundException ? "check the path" : "check the file's permissions";
            return new Outcome(file, null, [new ValidationError("$", $"cannot read the file: {ex.Message.TrimEnd('.')}", null, fix)]);
        }

        var profile = ProfileParser.TryParse(text, out var errors, Compiler);
        return new Outcome(file, profile, errors);
    }

    private static void WriteJson(TextWriter output, List<Outcome> outcomes)
    {
        var rows = outcomes.Select(o => new
        {
            file = o.File,
            valid = o.Errors.Count == 0,
            id = o.Profile?.Id,
            errors = o.Errors.Select(e => new { path = e.Path, message = e.Message, value = e.Value, fix = e.Fix }),
        });
        output.WriteLine(JsonSerializer.Serialize(rows, JsonOutput.Options));
    }

    private sealed record Outcome(string File, ProfileDocument? Profile, IReadOnlyList<ValidationError> Errors);
}
