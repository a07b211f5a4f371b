using System.Buffers;
using System.Text;
using System.Text.Json;
using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent.Protocol;

/// <summary>Builds QGA command objects as compact JSON (one line, no trailing newline).</summary>
internal static class QgaCommands
{
    public const string Sync = "guest-sync-delimited";
    public const string Ping = "guest-ping";
    public const string Info = "guest-info";
    public const string OsInfo = "guest-get-osinfo";
    public const string Exec = "guest-exec";
    public const string ExecStatus = "guest-exec-status";
    public const string Users = "guest-get-users";

    public static string Simple(string name) => Write(w => w.WriteString("execute", name));

    public static string SyncDelimited(long id) => Write(w =>
    {
        w.WriteString("execute", Sync);
        w.WriteStartObject("arguments");
        w.WriteNumber("id", id);
        w.WriteEndObject();
    });

    public static string ExecStatusOf(long pid) => Write(w =>
    {
        w.WriteString("execute", ExecStatus);
        w.WriteStartObject("arguments");
        w.WriteNumber("pid", pid);
        w.WriteEndObject();
    });

    public static string ExecOf(GuestCommand command, IReadOnlyDictionary<string, string> environment, byte[]? input, bool captureOutput) => Write(w =>
    {
        w.WriteString("execute", Exec);
        w.WriteStartObject("arguments");
        w.WriteString("path", command.Path);
        w.WriteStartArray("arg");
        foreach (var arg in command.Args)
        {
            w.WriteStringValue(arg);
        }

        w.WriteEndArray();
        if (environment.Count > 0)
        {
            w.WriteStartArray("env");
            foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                w.WriteStringValue($"{name}={value}");
            }

            w.WriteEndArray();
        }

        if (input is not null)
        {
            w.WriteBase64String("input-data", input);
        }

        w.WriteBoolean("capture-output", captureOutput);
        w.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
