using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>observers</c>: <c>interval</c>, <c>users</c>, <c>applications</c>.</summary>
internal sealed partial class ProfileReader
{
    private ObserverSettings? ReadObservers(JsonElement value)
    {
        const string path = "$.observers";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(path, "must be an object with \"interval\", \"users\" and/or \"applications\"", Show(value), "write e.g. {\"users\": true, \"applications\": [\"nginx\"]}");
            return null;
        }

        var errorsBefore = _errors.Count;
        CheckFields(value, path, ProfileFields.Observers);
        var interval = Field(value, "interval", out var iv) ? ReadObserverInterval(iv) : ObserverSettings.DefaultInterval;
        var users = false;
        if (Field(value, "users", out var u))
        {
            if (u.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                users = u.GetBoolean();
            }
            else
            {
                Fail(path + ".users", "must be true or false", Show(u), "write true to turn logins and logouts into events");
            }
        }

        var apps = Field(value, "applications", out var a) ? ReadObservedApps(a) : [];
        if (!users && apps.Count == 0 && _errors.Count == errorsBefore)
        {
            Fail(path, "observes nothing", Show(value), "set \"users\": true and/or list \"applications\", or remove \"observers\"");
        }

        return new ObserverSettings { Interval = interval, Users = users, Applications = apps };
    }

    /// <summary>A duration as elsewhere (<c>"2s"</c>, a number of seconds), or <c>"hh:mm:ss"</c>.</summary>
    private TimeSpan ReadObserverInterval(JsonElement value)
    {
        const string path = "$.observers.interval";
        TimeSpan interval;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is > 0 and < 86_400)
        {
            interval = TimeSpan.FromSeconds(seconds);
        }
        else if (text is null || !(DurationFormat.TryParse(text, out interval)
            || (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out interval))))
        {
            Fail(path, "must be a duration such as \"2s\", \"500ms\", \"00:00:02\" (or a number of seconds)", Show(value), "write e.g. \"2s\"");
            return ObserverSettings.DefaultInterval;
        }

        if (interval < ProfileLimits.MinObserverInterval || interval > ProfileLimits.MaxObserverInterval)
        {
            Fail(path, "must be between 1s and 1h (each poll is a guest-agent call; under TCG one costs ~0.5 s)", Show(value),
                interval < ProfileLimits.MinObserverInterval ? "use \"1s\" or more" : "use \"1h\" or less");
        }

        return interval;
    }

    private List<string> ReadObservedApps(JsonElement value)
    {
        const string path = "$.observers.applications";
        var apps = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(path, "must be a list of process names or absolute executable paths", Show(value), "write e.g. [\"nginx\", \"/usr/bin/python3\"]");
            return apps;
        }

        if (value.GetArrayLength() > ProfileLimits.MaxObservedApplications)
        {
            Fail(path, $"has {value.GetArrayLength()} entries; the limit is {ProfileLimits.MaxObservedApplications}", null, "observe the applications rules react to");
            return apps;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPaths.Index(path, index++);
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (text is null || text.Length == 0 || HasControlCharacters(text) || text.Contains(' ', StringComparison.Ordinal)
                || (text.StartsWith('/') ? text.Length > ProfileLimits.MaxProgramLength : text.Contains('/', StringComparison.Ordinal) || text.Length > ProfileLimits.MaxObservedNameLength))
            {
                Fail(itemPath, $"must be a process name (\"nginx\", at most {ProfileLimits.MaxObservedNameLength} characters, no '/' or spaces) or an absolute executable path (\"/usr/sbin/nginx\")",
                    Show(item), "give the name as ps shows it, or the full path of the executable");
            }
            else if (apps.Contains(text))
            {
                Fail(itemPath, "is listed twice", Show(item), "remove the duplicate");
            }
            else
            {
                apps.Add(text);
            }
        }

        return apps;
    }
}
