using System.Text.Json;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>evaluation_interval</c>, <c>labels</c> and <c>allowed_programs</c>.</summary>
internal sealed partial class ProfileReader
{
    private TimeSpan ReadInterval(JsonElement value)
    {
        const string path = "$.evaluation_interval";
        TimeSpan interval;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is > 0 and < 86_400)
        {
            interval = TimeSpan.FromSeconds(seconds);
        }
        else if (value.ValueKind != JsonValueKind.String || !DurationFormat.TryParse(value.GetString()!, out interval))
        {
            Fail(path, "must be a duration such as \"500ms\", \"1s\" or \"2m\" (or a number of seconds)", Show(value), "write e.g. \"1s\"");
            return TimeSpan.Zero;
        }

        if (interval < ProfileLimits.MinEvaluationInterval || interval > ProfileLimits.MaxEvaluationInterval)
        {
            Fail(path, "must be between 100ms and 1h", Show(value), interval < ProfileLimits.MinEvaluationInterval ? "use \"100ms\" or more" : "use \"1h\" or less");
        }

        return interval;
    }

    private Dictionary<string, string> ReadLabels(JsonElement value)
    {
        const string path = "$.labels";
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(path, "must be an object of string values", Show(value), "write e.g. {\"team\": \"render\"}");
            return labels;
        }

        foreach (var property in value.EnumerateObject())
        {
            var labelPath = JsonPaths.Child(path, property.Name);
            if (!Labels.LabelRules.IsValidKey(property.Name))
            {
                Fail(labelPath, Labels.LabelRules.KeyRule, JsonPaths.Quote(property.Name), "rename the label");
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                Fail(labelPath, "label values must be strings", Show(property.Value), "quote the value");
            }
            else if (property.Value.GetString()!.Length > ProfileLimits.MaxLabelValueLength)
            {
                Fail(labelPath, $"label value is longer than {ProfileLimits.MaxLabelValueLength} characters", null, "shorten it");
            }
            else if (!labels.TryAdd(property.Name, property.Value.GetString()!))
            {
                Fail(labelPath, "appears more than once", null, "keep one of the duplicates");
            }
        }

        if (labels.Count > ProfileLimits.MaxLabels)
        {
            Fail(path, $"has {labels.Count} labels; the limit is {ProfileLimits.MaxLabels}", null, "drop some labels");
        }

        return labels;
    }

    private List<string>? ReadPrograms(JsonElement value)
    {
        const string path = "$.allowed_programs";
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(path, "must be a list of program paths or names", Show(value), "write e.g. [\"/usr/bin/ffmpeg\", \"blender\"]");
            return null;
        }

        if (value.GetArrayLength() > ProfileLimits.MaxAllowedPrograms)
        {
            Fail(path, $"has {value.GetArrayLength()} entries; the limit is {ProfileLimits.MaxAllowedPrograms}", null, "allow a directory's programs through a wrapper script");
            return null;
        }

        var programs = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPaths.Index(path, index++);
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (text is null || text.Length == 0 || text.Length > ProfileLimits.MaxProgramLength || HasControlCharacters(text)
                || (text.Contains('/', StringComparison.Ordinal) && !text.StartsWith('/')))
            {
                Fail(itemPath, "must be an absolute path (\"/usr/bin/ffmpeg\") or a bare program name (\"ffmpeg\")", Show(item), "give the full path or just the name");
            }
            else if (programs.Contains(text))
            {
                Fail(itemPath, "is listed twice", Show(item), "remove the duplicate");
            }
            else
            {
                programs.Add(text);
            }
        }

        return programs;
    }
}
