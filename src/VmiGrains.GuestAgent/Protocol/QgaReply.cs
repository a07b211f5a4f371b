using System.Text.Json;
using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent.Protocol;

/// <summary>
/// Parses one QGA reply line: <c>{"return": …}</c> is a success, <c>{"error": {"class", "desc"}}</c>
/// a <see cref="GuestAgentErrorKind.CommandFailed"/> (or <see cref="GuestAgentErrorKind.CommandDisabled"/>
/// when the agent blocks the command), anything else a <see cref="GuestAgentErrorKind.ProtocolError"/>.
/// </summary>
internal static class QgaReply
{
    public static GuestAgentResult<JsonElement> Parse(string command, string line)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(line);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return GuestAgentResult.Failure<JsonElement>(GuestAgentErrorKind.ProtocolError,
                $"{command}: the agent's reply is not JSON ({ex.Message}): {Excerpt(line)}; check that the socket/channel belongs to qemu-ga");
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("return", out var value))
        {
            return GuestAgentResult.Success(value);
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var errorClass = error.TryGetProperty("class", out var c) ? c.GetString() : null;
            var desc = error.TryGetProperty("desc", out var d) ? d.GetString() : null;
            var disabled = desc?.Contains("has been disabled", StringComparison.OrdinalIgnoreCase) ?? false;
            var message = disabled
                ? $"{command}: the guest agent has this command disabled ({desc}); enable it in the guest: remove it from qemu-ga --block-rpcs / add it to --allow-rpcs"
                : $"{command}: the guest agent reported {errorClass}: {desc}";
            return GuestAgentResult.Failure<JsonElement>(new GuestAgentError(
                disabled ? GuestAgentErrorKind.CommandDisabled : GuestAgentErrorKind.CommandFailed, message, errorClass, desc));
        }

        return GuestAgentResult.Failure<JsonElement>(GuestAgentErrorKind.ProtocolError,
            $"{command}: the agent's reply has neither \"return\" nor \"error\": {Excerpt(line)}; check that the socket/channel belongs to qemu-ga");
    }

    private static string Excerpt(string line) => line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 200), "…");
}
