using System.Globalization;
using System.Text.RegularExpressions;
using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Observers;

/// <summary>
/// One poll's traced calls as <c>syscall</c> events. Rule: the calls are grouped by application,
/// call and first string argument (the program an <c>execve</c> started, the file an <c>openat</c>
/// opened, the address a <c>connect</c> reached), in the order each group first occurred, so that a
/// web server's one <c>execve("/bin/sh")</c> among a hundred of its CGI scripts is an event of its own.
/// Each event carries the group's <c>count</c> and its first call: <c>pid</c>, <c>args</c> (as strace
/// printed them, at most <see cref="MaxArgs"/> characters), <c>ret</c>, and <c>path</c> (file calls) or
/// <c>address</c>/<c>port</c> (socket calls); <c>skipped_bytes</c> when the application's tracer logged
/// more than one poll reads. With <c>paths</c>, a file call is reported only when its path, with
/// <c>.</c> and <c>..</c> resolved as text (symbolic links cannot be, on the host), is one of them or lies
/// under one; a relative path cannot be placed and is reported.
/// </summary>
public static partial class SyscallSummary
{
    /// <summary>Longest <c>args</c> field.</summary>
    public const int MaxArgs = 200;

    private static readonly HashSet<string> FileCalls = new(Profiles.ProfileFields.FileCalls, StringComparer.Ordinal);

    private static readonly HashSet<string> SocketCalls = new(StringComparer.Ordinal) { "connect", "bind", "sendto", "accept", "accept4", "listen", "socket" };

    /// <summary>The events for <paramref name="trace"/> at <paramref name="now"/>, file calls limited to <paramref name="paths"/> (none: all).</summary>
    public static IReadOnlyList<TelemetryEvent> Events(SyscallTrace trace, IReadOnlyList<string> paths, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(paths);
        var skipped = trace.Notes.Where(n => n.Kind == TracerNoteKind.Skipped)
            .GroupBy(n => n.App, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(n => long.TryParse(n.Detail, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0), StringComparer.Ordinal);
        return [.. trace.Records
            .Where(r => Reported(r, paths))
            .GroupBy(r => (r.App, r.Call, r.FirstString))
            .Select(g => Event(g.First(), g.Count(), skipped.GetValueOrDefault(g.Key.App), now))];
    }

    /// <summary>Whether <paramref name="record"/> passes the <c>paths</c> filter.</summary>
    public static bool Reported(SyscallRecord record, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0 || !FileCalls.Contains(record.Call) || record.FirstString is not { } path || !path.StartsWith('/'))
        {
            return true;
        }

        var normal = Normalise(path);
        return paths.Any(p => Under(normal, Normalise(p)));
    }

    private static bool Under(string path, string root) =>
        root == "/" || path == root || (path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == '/');

    /// <summary>An absolute path with empty, <c>.</c> and <c>..</c> segments resolved as text ("/tmp/../etc/shadow" is "/etc/shadow").</summary>
    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }

    private static TelemetryEvent Event(SyscallRecord first, int count, long skippedBytes, DateTimeOffset now)
    {
        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal)
        {
            ["app"] = FieldValue.Of(first.App),
            ["syscall"] = FieldValue.Of(first.Call),
            ["count"] = FieldValue.Of(count),
            ["pid"] = FieldValue.Of(first.Pid != 0 ? first.Pid : first.TracedPid),
            ["args"] = FieldValue.Of(first.Args.Length <= MaxArgs ? first.Args : first.Args[..MaxArgs]),
        };
        if (first.Return is { } ret)
        {
            fields["ret"] = FieldValue.Of(ret.Length <= 64 ? ret : ret[..64]);
        }

        if (first.FirstString is { } text)
        {
            fields[SocketCalls.Contains(first.Call) ? "address" : "path"] = FieldValue.Of(text.Length <= MaxArgs ? text : text[..MaxArgs]);
        }

        if (SocketCalls.Contains(first.Call) && Port().Match(first.Args) is { Success: true } port)
        {
            fields["port"] = FieldValue.Of(int.Parse(port.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }

        if (skippedBytes > 0)
        {
            fields["skipped_bytes"] = FieldValue.Of(skippedBytes);
        }

        return new TelemetryEvent(now, ObservedEventNames.Syscall, fields) { Source = EventSources.Syscalls };
    }

    [GeneratedRegex(@"sin6?_port=htons\((\d{1,5})\)")]
    private static partial Regex Port();
}
