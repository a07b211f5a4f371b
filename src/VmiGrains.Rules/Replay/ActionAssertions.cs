using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Json;

namespace VmiGrains.Rules.Replay;

/// <summary>
/// Expected actions for <c>--assert-actions</c>, so operators can run the dry-run in their own CI:
/// <code>
/// { "exact": false,
///   "expect": [ { "rule": "render_burst", "action": "switch_profile",
///                 "detail": "switch_profile(high-performance-rendering)", "at": "2025-01-01T12:00:29Z" } ] }
/// </code>
/// Rule: the expectations must appear in the trace in this order (other steps may come between);
/// <c>detail</c> and <c>at</c> are optional; with <c>"exact": true</c> the trace must hold nothing else.
/// </summary>
public static class ActionAssertions
{
    /// <summary>Checks <paramref name="result"/> against the assertion document; returns every mismatch (empty = pass).</summary>
    public static IReadOnlyList<ValidationError> Check(string json, ReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new List<ValidationError>();
        var doc = StrictJson.TryParse(json, default, out var decodeErrors);
        if (doc is null)
        {
            return decodeErrors;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("expect", out var expect) || expect.ValueKind != JsonValueKind.Array)
            {
                return [new ValidationError("$.expect", "is required and must be an array", null, "write {\"expect\": [{\"rule\": \"...\", \"action\": \"...\"}]}")];
            }

            var exact = root.TryGetProperty("exact", out var ex2) && ex2.ValueKind == JsonValueKind.True;
            var position = 0;
            var index = 0;
            foreach (var e in expect.EnumerateArray())
            {
                var path = $"$.expect[{index++}]";
                var rule = Text(e, "rule");
                var action = Text(e, "action");
                if (rule is null || action is null)
                {
                    errors.Add(new ValidationError(path, "needs \"rule\" and \"action\" strings", e.GetRawText(), "write {\"rule\": \"render_burst\", \"action\": \"switch_profile\"}"));
                    continue;
                }

                var detail = Text(e, "detail");
                DateTimeOffset? at = Text(e, "at") is { } a && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
                var found = -1;
                for (var i = position; i < result.Steps.Count; i++)
                {
                    var s = result.Steps[i];
                    if (s.Rule == rule && s.Kind == action && (detail is null || s.Detail == detail) && (at is null || s.Time == at))
                    {
                        found = i;
                        break;
                    }
                }

                if (found < 0)
                {
                    var got = result.Steps.Skip(position).FirstOrDefault(s => s.Rule == rule);
                    errors.Add(new ValidationError(path, $"expected {rule} → {detail ?? action}{(at is null ? string.Empty : $" at {at:O}")} is not in the trace (after step {position})",
                        got is null ? "no further step of that rule" : $"{got.Detail} at {got.Time:O}", "fix the rule or the expectation; run without --assert-actions to see the trace"));
                    continue;
                }

                if (exact && found != position)
                {
                    errors.Add(new ValidationError(path, "unexpected steps come before this one", result.Steps[position].Detail, "list every step, or set \"exact\": false"));
                }

                position = found + 1;
            }

            if (exact && position < result.Steps.Count)
            {
                errors.Add(new ValidationError("$.expect", $"the trace has {result.Steps.Count - position} more step(s) than expected", result.Steps[position].Detail, "list every step, or set \"exact\": false"));
            }
        }

        return errors;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
