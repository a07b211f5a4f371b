using System.Text.Json;
using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent.Protocol;

/// <summary>Reads the <c>return</c> values of QGA commands; throws on an unexpected shape (the caller maps that to a ProtocolError).</summary>
internal static class QgaParsers
{
    public static GuestAgentInfo Info(JsonElement value)
    {
        var enabled = new List<string>();
        var disabled = new List<string>();
        foreach (var command in value.GetProperty("supported_commands").EnumerateArray())
        {
            var name = command.GetProperty("name").GetString() ?? string.Empty;
            (command.GetProperty("enabled").GetBoolean() ? enabled : disabled).Add(name);
        }

        enabled.Sort(StringComparer.Ordinal);
        disabled.Sort(StringComparer.Ordinal);
        return new GuestAgentInfo(value.GetProperty("version").GetString() ?? string.Empty, enabled, disabled);
    }

    public static GuestOsInfo OsInfo(JsonElement value)
    {
        var id = Text(value, "id");
        var name = Text(value, "name");
        var kernel = Text(value, "kernel-release");
        return new GuestOsInfo(GuestOsInfo.FamilyOf(id, name, kernel), id, Text(value, "pretty-name") ?? name, Text(value, "version"), kernel, Text(value, "machine"));
    }

    /// <summary>A <c>guest-get-users</c> reply: <c>[{"user", "login-time" (seconds, fractional), "domain"?}]</c>.</summary>
    public static IReadOnlyList<GuestUser> Users(JsonElement value) =>
        [.. value.EnumerateArray().Select(u => new GuestUser(
            u.GetProperty("user").GetString() ?? string.Empty,
            Text(u, "domain"),
            DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(u.GetProperty("login-time").GetDouble() * 1000))))];

    public static long Pid(JsonElement value) => value.GetProperty("pid").GetInt64();

    /// <summary>A <c>guest-exec-status</c> reply; output bounded to <paramref name="maxOutputBytes"/> per stream.</summary>
    public static ExecStatus Status(long pid, JsonElement value, int maxOutputBytes)
    {
        var exited = value.GetProperty("exited").GetBoolean();
        var (stdout, outCut) = GuestOutput.Decode(Text(value, "out-data"), Flag(value, "out-truncated"), maxOutputBytes);
        var (stderr, errCut) = GuestOutput.Decode(Text(value, "err-data"), Flag(value, "err-truncated"), maxOutputBytes);
        return new ExecStatus(pid, exited ? ExecState.Exited : ExecState.Running, Int(value, "exitcode"), Int(value, "signal"), stdout, stderr, outCut, errCut, TimedOut: false);
    }

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static int? Int(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;

    private static bool Flag(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;
}
