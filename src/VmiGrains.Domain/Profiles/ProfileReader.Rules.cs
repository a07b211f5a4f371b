using System.Text.Json;
using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// Reads <c>behavioral_rules</c>: one Lua script as a string (named <c>main</c>), or a list of
/// <c>{"name", "source"}</c>; <c>""</c> and <c>[]</c> mean no rules, as leaving the field out does. Each script must define <c>on_tick</c> or <c>on_event</c>; when a
/// compiler is supplied, syntax errors are reported with the rule's name and line.
/// </summary>
internal sealed partial class ProfileReader
{
    private const string RulesPath = "$.behavioral_rules";

    private List<RuleScript> ReadRules(JsonElement value)
    {
        var result = new List<RuleScript>();
        if (value.ValueKind == JsonValueKind.String)
        {
            // "" (or only whitespace) means no rules, as [] and leaving the field out do.
            if (value.GetString()!.Trim().Length > 0)
            {
                AddScript(result, new RuleScript("main", value.GetString()!), RulesPath);
            }

            return result;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(RulesPath, "must be a Lua script (a string) or a list of {\"name\", \"source\"}", Show(value),
                "write e.g. [{\"name\": \"burst\", \"source\": \"function on_tick(vmi) ... end\"}]");
            return result;
        }

        if (value.GetArrayLength() > ProfileLimits.MaxRuleScripts)
        {
            Fail(RulesPath, $"has {value.GetArrayLength()} scripts; the limit is {ProfileLimits.MaxRuleScripts}", null, "merge related rules into one script");
            return result;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = JsonPaths.Index(RulesPath, index++);
            if (ReadNamedScript(item, path) is not { } script)
            {
                continue;
            }

            if (!names.Add(script.Name))
            {
                Fail(JsonPaths.Child(path, "name"), "another rule has the same name", JsonPaths.Quote(script.Name), "give every rule a unique name");
                continue;
            }

            AddScript(result, script, JsonPaths.Child(path, "source"));
        }

        return result;
    }

    private RuleScript? ReadNamedScript(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Fail(path, "must be an object {\"name\", \"source\"}", Show(item), "write e.g. {\"name\": \"burst\", \"source\": \"...\"}");
            return null;
        }

        CheckFields(item, path, ProfileFields.RuleScript);
        RequireFields(item, path, ProfileFields.RuleScript);
        var name = OptionalString(item, path, "name");
        var source = OptionalString(item, path, "source");
        if (name is not null && !RuleNamePattern().IsMatch(name))
        {
            Fail(JsonPaths.Child(path, "name"), "must be 1-63 lowercase letters, digits, '_' or '-'", JsonPaths.Quote(name),
                $"use e.g. \"{Slugify(name).Replace('-', '_')}\"");
            return null;
        }

        return name is null || source is null ? null : new RuleScript(name, source);
    }

    private void AddScript(List<RuleScript> result, RuleScript script, string sourcePath)
    {
        if (script.Source.Trim().Length == 0)
        {
            Fail(sourcePath, $"rule '{script.Name}' is empty", "\"\"", "write a Lua script that defines on_tick(vmi) or on_event(vmi, event)");
            return;
        }

        if (script.Source.Length > ProfileLimits.MaxRuleSourceLength)
        {
            Fail(sourcePath, $"rule '{script.Name}' is {script.Source.Length} characters; the limit is {ProfileLimits.MaxRuleSourceLength}", null, "split it into several rules");
            return;
        }

        if (!HandlerPattern().IsMatch(script.Source))
        {
            Fail(sourcePath, $"rule '{script.Name}' defines neither on_tick nor on_event", JsonPaths.Quote(script.Source),
                "define function on_tick(vmi) and/or function on_event(vmi, event)");
            return;
        }

        var compileErrors = compiler?.Check(script) ?? [];
        foreach (var error in compileErrors)
        {
            var where = error.Line is { } line ? $" line {line}" : string.Empty;
            Fail(sourcePath, $"rule '{script.Name}'{where}: {error.Message}", null, "fix the Lua syntax");
        }

        if (compileErrors.Count == 0)
        {
            result.Add(script);
        }
    }

    [GeneratedRegex("^[a-z0-9_][a-z0-9_-]{0,62}$")]
    private static partial Regex RuleNamePattern();

    [GeneratedRegex(@"\bon_(tick|event)\b")]
    private static partial Regex HandlerPattern();
}
