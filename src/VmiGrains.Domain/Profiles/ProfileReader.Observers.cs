using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>observers</c>: <c>interval</c>, <c>users</c>, <c>applications</c>, <c>syscalls</c>.</summary>
internal sealed partial class ProfileReader
{
    private ObserverSettings? ReadObservers(JsonElement value)
    {
        const string path = "$.observers";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(path, "must be an object with \"interval\", \"users\", \"applications\" and/or \"syscalls\"", Show(value), "write e.g. {\"users\": true, \"applications\": [\"nginx\"]}");
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

        var apps = Field(value, "applications", out var a) ? ReadObservedApps(a, path + ".applications", ProfileLimits.MaxObservedApplications) : [];
        var syscalls = Field(value, "syscalls", out var sc) ? ReadSyscallObserver(sc) : null;
        if (!users && apps.Count == 0 && syscalls is null && _errors.Count == errorsBefore)
        {
            Fail(path, "observes nothing", Show(value), "set \"users\": true, list \"applications\" and/or set \"syscalls\", or remove \"observers\"");
        }

        return new ObserverSettings { Interval = interval, Users = users, Applications = apps, Syscalls = syscalls };
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

    private List<string> ReadObservedApps(JsonElement value, string path, int limit)
    {
        var apps = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(path, "must be a list of process names or absolute executable paths", Show(value), "write e.g. [\"nginx\", \"/usr/bin/python3\"]");
            return apps;
        }

        if (value.GetArrayLength() > limit)
        {
            Fail(path, $"has {value.GetArrayLength()} entries; the limit is {limit}", null, "observe the applications rules react to");
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

    /// <summary><c>{"applications": [...], "calls": [...]}</c>, both non-empty; null (with errors) when invalid.</summary>
    private SyscallObserver? ReadSyscallObserver(JsonElement value)
    {
        const string path = "$.observers.syscalls";
        const string example = "write e.g. {\"applications\": [\"nginx\"], \"calls\": [\"execve\", \"connect\"]}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(path, "must be an object with \"applications\" and \"calls\"", Show(value), example);
            return null;
        }

        var errorsBefore = _errors.Count;
        CheckFields(value, path, ProfileFields.SyscallObserver);
        var apps = Field(value, "applications", out var a) ? ReadObservedApps(a, path + ".applications", ProfileLimits.MaxTracedApplications) : [];
        var calls = Field(value, "calls", out var c) ? ReadTracedCalls(c) : [];
        var paths = Field(value, "paths", out var f) ? ReadTracedPaths(f) : [];
        if (_errors.Count == errorsBefore && apps.Count == 0)
        {
            Fail(path + ".applications", "is missing or empty", null, "list the applications whose system calls are traced, e.g. [\"nginx\"]");
        }

        if (_errors.Count == errorsBefore && calls.Count == 0)
        {
            Fail(path + ".calls", "is missing or empty", null, "list the system calls to trace, e.g. [\"execve\", \"connect\"]");
        }

        if (_errors.Count == errorsBefore && paths.Count > 0 && !calls.Any(ProfileFields.FileCalls.Contains))
        {
            Fail(path + ".paths", "filters file calls, but calls names none", null,
                $"add a file call to calls ({string.Join(", ", ProfileFields.FileCalls)}) or remove paths");
        }

        return _errors.Count == errorsBefore ? new SyscallObserver { Applications = apps, Calls = calls, Paths = paths } : null;
    }

    private List<string> ReadTracedPaths(JsonElement value)
    {
        const string path = "$.observers.syscalls.paths";
        var paths = new List<string>();
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Fail(path, "must be a non-empty list of absolute paths", Show(value), "write e.g. [\"/etc\", \"/root/.ssh\"], or leave paths out to report every file");
            return paths;
        }

        if (value.GetArrayLength() > ProfileLimits.MaxTracedPaths)
        {
            Fail(path, $"has {value.GetArrayLength()} entries; the limit is {ProfileLimits.MaxTracedPaths}", null, "name the directories a rule watches");
            return paths;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPaths.Index(path, index++);
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (text is null || !text.StartsWith('/') || text.Length > ProfileLimits.MaxProgramLength || HasControlCharacters(text))
            {
                Fail(itemPath, $"must be an absolute path (\"/etc\", at most {ProfileLimits.MaxProgramLength} characters)", Show(item), "give the directory or file from the guest's root");
            }
            else if (paths.Contains(text, StringComparer.Ordinal))
            {
                Fail(itemPath, "is listed twice", Show(item), "remove the duplicate");
            }
            else
            {
                paths.Add(text);
            }
        }

        return paths;
    }

    private List<string> ReadTracedCalls(JsonElement value)
    {
        const string path = "$.observers.syscalls.calls";
        var calls = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(path, "must be a list of system call names", Show(value), "write e.g. [\"execve\", \"connect\"]");
            return calls;
        }

        if (value.GetArrayLength() > ProfileLimits.MaxTracedCalls)
        {
            Fail(path, $"has {value.GetArrayLength()} entries; the limit is {ProfileLimits.MaxTracedCalls}", null, "trace the calls a rule reacts to");
            return calls;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPaths.Index(path, index++);
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (name is null || !ProfileFields.TracedCalls.Contains(name, StringComparer.Ordinal))
            {
                Fail(itemPath, "is not a system call the observer traces", Show(item), $"use one of: {string.Join(", ", ProfileFields.TracedCalls)}");
            }
            else if (calls.Contains(name, StringComparer.Ordinal))
            {
                Fail(itemPath, "is listed twice", Show(item), "remove the duplicate");
            }
            else
            {
                calls.Add(name);
            }
        }

        return calls;
    }
}
