using System.CommandLine;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Cli.Input;
using VmiGrains.Cli.Output;
using VmiGrains.Domain.Profiles;
using VmiGrains.Rules;
using VmiGrains.Rules.Replay;

namespace VmiGrains.Cli.Commands;

/// <summary>
/// <c>vmi rules test --profile FILE --replay TELEMETRY.jsonl [--assert-actions FILE]</c>: offline
/// dry-run with a decision trace. Exit 0 ok, 1 runtime failure, 2 invalid input or assertion mismatch.
/// </summary>
internal static class RulesCommands
{
    /// <summary>Builds <c>rules</c> with its <c>test</c> verb.</summary>
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "Profile document (JSON) whose rules to run", Required = true, HelpName = "FILE" };
        var replay = new Option<string>("--replay") { Description = "Recorded telemetry, one JSON object per line", Required = true, HelpName = "TELEMETRY.jsonl" };
        var assert = new Option<string?>("--assert-actions") { Description = "Expected actions (JSON); exit 2 when the trace does not match", HelpName = "FILE" };
        var test = new Command("test", "Replay recorded telemetry through a profile's Lua rules, offline, and print the decision trace.\n\n"
            + "Example:\n"
            + "  vmi rules test --profile examples/profiles/ux-personalization.json --replay examples/telemetry/render-burst.jsonl")
        {
            profile,
            replay,
            assert,
        };
        test.SetAction(result => Run(result.GetValue(profile)!, result.GetValue(replay)!, result.GetValue(assert), GlobalOptions.IsJson(result), result.InvocationConfiguration));
        return new Command("rules", "Work with behavioural rules offline.") { test };
    }

    private static int Run(string profileFile, string replayFile, string? assertFile, bool json, InvocationConfiguration io)
    {
        if (!TryRead(profileFile, "--profile", io, out var profileText) || !TryRead(replayFile, "--replay", io, out var telemetryText))
        {
            return ExitCodes.InvalidInput;
        }

        string? assertText = null;
        if (assertFile is not null && !TryRead(assertFile, "--assert-actions", io, out assertText))
        {
            return ExitCodes.InvalidInput;
        }

        var document = ProfileParser.TryParse(profileText, out var profileErrors, new LuaRuleCompiler());
        var records = TelemetryJsonl.Parse(telemetryText, out var telemetryErrors);
        ErrorLines.Write(io.Error, profileFile, profileErrors);
        ErrorLines.Write(io.Error, replayFile, telemetryErrors);
        if (document is null || telemetryErrors.Count > 0)
        {
            return ExitCodes.InvalidInput;
        }

        ReplayResult result;
        try
        {
            result = RuleReplay.Run(document, records);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException)
        {
            io.Error.WriteLine($"{profileFile}: $: the Lua engine failed: {ex.Message}; check that liblua54 ships with vmi (KeraLua runtimes)");
            return ExitCodes.Failure;
        }

        Write(io.Output, document, result, json);
        if (assertText is null)
        {
            return ExitCodes.Ok;
        }

        var mismatches = ActionAssertions.Check(assertText, result);
        ErrorLines.Write(io.Error, assertFile!, mismatches);
        return mismatches.Count == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static void Write(TextWriter output, ProfileDocument profile, ReplayResult result, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                profile = profile.Id,
                ticks = result.Ticks,
                events = result.Events,
                final_profile = result.FinalProfile,
                steps = result.Steps.Select(s => new { time = s.Time, rule = s.Rule, line = s.Line, action = s.Kind, detail = s.Detail, why = s.Why }),
            }, JsonOutput.Options));
            return;
        }

        output.WriteLine($"{"TIME",-20}  {"RULE",-18}  {"LINE",4}  {"ACTION",-46}  WHY");
        foreach (var s in result.Steps)
        {
            output.WriteLine($"{s.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}  {s.Rule,-18}  {s.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",4}  {s.Detail,-46}  {s.Why}");
        }

        output.WriteLine($"{result.Steps.Count} step(s) from {result.Ticks} tick(s) and {result.Events} event(s); {profile.Id} → {result.FinalProfile}");
    }

    private static bool TryRead(string path, string option, InvocationConfiguration io, out string text)
    {
        try
        {
            if (InputFile.TryRead(path, out var decodeError) is { } decoded)
            {
                text = decoded;
                return true;
            }

            ErrorLines.Write(io.Error, path, [decodeError!]);
            text = string.Empty;
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"{option}: $: cannot read the file (got {path}): {ex.Message.TrimEnd('.')}; check the path and permissions");
            text = string.Empty;
            return false;
        }
    }
}
