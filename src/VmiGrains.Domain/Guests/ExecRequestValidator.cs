using System.Globalization;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// Checks an <see cref="ExecRequest"/> or an application name before anything is sent to a guest,
/// and reports every problem (field, value, fix), not only the first.
/// </summary>
public static class ExecRequestValidator
{
    /// <summary>The longest in-guest time limit accepted (Windows' WaitForExit takes an int of milliseconds).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>The largest standard input accepted (it travels base64 inside one JSON line).</summary>
    public const int MaxInputBytes = 1024 * 1024;

    /// <summary>The problems of <paramref name="request"/> for a guest of <paramref name="family"/>; empty when valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(ExecRequest request, GuestOsFamily family)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.Path))
        {
            errors.Add(new("path", "the program path is empty", Quote(request.Path), "give the absolute path of the program in the guest, e.g. /usr/bin/env"));
        }
        else if (!IsAbsolute(request.Path, family))
        {
            errors.Add(new("path", "the program path is not absolute", Quote(request.Path), family == GuestOsFamily.Windows
                ? @"give a full path such as C:\Windows\System32\whoami.exe"
                : "give a full path such as /usr/bin/env (the agent does not search a PATH you control)"));
        }
        else if (request.Path.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new("path", "the program path contains a NUL character", Quote(request.Path), "remove the NUL character"));
        }

        for (var i = 0; i < request.Args.Count; i++)
        {
            if (request.Args[i] is null || request.Args[i].Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(new($"args[{i}]", "the argument is null or contains a NUL character", Quote(request.Args[i]), "pass a string without NUL characters"));
            }
        }

        foreach (var (name, value) in request.Environment)
        {
            if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
                || value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(new($"env[{name}]", "an environment variable needs a non-empty name without '=' or NUL and a value without NUL", Quote(name), "rename the variable, e.g. MY_VAR"));
            }
        }

        if (request.Nice is { } nice)
        {
            AddNiceErrors(errors, nice);
        }

        if (request.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > MaxTimeout))
        {
            errors.Add(new("timeout", $"the time limit must be more than 0 and at most {MaxTimeout.TotalHours:0} h", timeout.ToString("c", CultureInfo.InvariantCulture), "give a positive number of seconds, e.g. 30, or none for no limit"));
        }

        if (request.Input is { Length: > MaxInputBytes } input)
        {
            errors.Add(new("input", $"standard input is larger than {MaxInputBytes} bytes", input.Length.ToString(CultureInfo.InvariantCulture), "copy large inputs into the guest another way and pass a file path"));
        }

        return errors;
    }

    /// <summary>The problems of an application name and nice value for re-prioritising; empty when valid.</summary>
    public static IReadOnlyList<ValidationError> ValidateReprioritise(string app, int nice)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(app))
        {
            errors.Add(new("app", "the application name is empty", Quote(app), "give the process name, e.g. nginx (Linux) or chrome (Windows)"));
        }
        else if (app.Length > 255 || app.IndexOfAny(['/', '\\', '\0', '\n', '\r']) >= 0)
        {
            errors.Add(new("app", "the application name must be a process name (at most 255 characters, no path separators or control characters)", Quote(app), "give the name only, e.g. nginx rather than /usr/sbin/nginx"));
        }

        AddNiceErrors(errors, nice);
        return errors;
    }

    private static void AddNiceErrors(List<ValidationError> errors, int nice)
    {
        if (nice is < PriorityLevels.MinNice or > PriorityLevels.MaxNice)
        {
            errors.Add(new("nice", $"the nice value is outside {PriorityLevels.MinNice}..{PriorityLevels.MaxNice}", nice.ToString(CultureInfo.InvariantCulture), "use a value from -20 (most favoured) to 19 (least), or a level such as below_normal"));
        }
    }

    private static bool IsAbsolute(string path, GuestOsFamily family) => family switch
    {
        GuestOsFamily.Linux => path.StartsWith('/'),
        GuestOsFamily.Windows => path.StartsWith(@"\\", StringComparison.Ordinal)
            || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/'),
        _ => path.StartsWith('/') || (path.Length >= 3 && path[1] == ':' && path[2] is '\\' or '/'),
    };

    private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";
}
