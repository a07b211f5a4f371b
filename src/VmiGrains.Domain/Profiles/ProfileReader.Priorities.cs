using System.Text.Json;
using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>application_priorities</c>: app name → level name or <c>{"nice": n}</c>.</summary>
internal sealed partial class ProfileReader
{
    private const string PrioritiesPath = "$.application_priorities";

    private List<ApplicationPriority> ReadPriorities(JsonElement value)
    {
        var result = new List<ApplicationPriority>();
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(PrioritiesPath, "must be an object mapping application names to priorities", Show(value),
                "write e.g. {\"rendering_engine\": \"high\", \"network_monitor\": \"low\"}");
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            var path = JsonPaths.Child(PrioritiesPath, property.Name);
            if (++count == ProfileLimits.MaxApplications + 1)
            {
                Fail(PrioritiesPath, $"lists more than {ProfileLimits.MaxApplications} applications", null, "keep the ones that matter");
            }

            if (!seen.Add(property.Name))
            {
                Fail(path, "application appears more than once", JsonPaths.Quote(property.Name), "keep one entry per application");
                continue;
            }

            var appOk = CheckAppName(property.Name, path);
            var priority = ReadPriority(property.Value, path, property.Name);
            if (appOk && priority is not null)
            {
                result.Add(priority);
            }
        }

        return result;
    }

    private bool CheckAppName(string app, string path)
    {
        if (AppNamePattern().IsMatch(app))
        {
            return true;
        }

        Fail(path, "application name must be 1-64 letters, digits, '.', '_', '+' or '-' (the process name, as pgrep -x or Get-Process see it)",
            JsonPaths.Quote(app), "use the executable's name without path or arguments");
        return false;
    }

    private ApplicationPriority? ReadPriority(JsonElement value, string path, string app)
    {
        var levels = string.Join(", ", PriorityLevels.Names);
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (PriorityLevels.TryParse(text, out var level))
            {
                return new ApplicationPriority(app, level, PriorityLevels.NiceOf(level));
            }

            var hint = Suggestions.DidYouMean(text, PriorityLevels.Names);
            Fail(path, $"unknown priority level; levels are {levels}", Show(value), hint.Length > 0 ? hint : "use a level or {\"nice\": -20..19}");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(path, $"must be a level ({levels}) or {{\"nice\": -20..19}}", Show(value), "write e.g. \"high\" or {\"nice\": 5}");
            return null;
        }

        CheckFields(value, path, ProfileFields.NicePriority);
        var nicePath = JsonPaths.Child(path, "nice");
        if (!Field(value, "nice", out var nice))
        {
            Fail(nicePath, "is required", null, "write e.g. {\"nice\": 5}");
            return null;
        }

        if (nice.ValueKind != JsonValueKind.Number || !nice.TryGetInt32(out var n) || n is < PriorityLevels.MinNice or > PriorityLevels.MaxNice)
        {
            Fail(nicePath, "must be a whole number from -20 (most favoured) to 19 (least)", Show(nice), "pick a value in -20..19");
            return null;
        }

        return new ApplicationPriority(app, null, n);
    }

    [GeneratedRegex("^[A-Za-z0-9._+-]{1,64}$")]
    internal static partial Regex AppNamePattern();
}
