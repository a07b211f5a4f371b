using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Json;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Replay;

/// <summary>
/// Reads recorded telemetry, one JSON object per line:
/// <code>
/// {"t":"2025-01-01T12:00:00Z","cpu":0.91,"mem":0.40,"net_rx":12000,"net_tx":800,"io_read":0,"io_write":4096}
/// {"t":"2025-01-01T12:00:05Z","event":"login","fields":{"user":"alice","source_ip":"203.0.113.7","failed_attempts":4}}
/// </code>
/// Blank lines and lines starting with <c>//</c> are skipped. Every error is collected, with the
/// line number in the path (<c>line 3: $.cpu</c>).
/// </summary>
public static class TelemetryJsonl
{
    /// <summary>Parses the text; throws <see cref="ProfileValidationException"/>-style errors via <paramref name="errors"/>.</summary>
    public static IReadOnlyList<TelemetryRecord> Parse(string text, out IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<TelemetryRecord>();
        var found = new List<ValidationError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var record = ParseLine(i + 1, line, found);
            if (record is not null)
            {
                records.Add(record);
            }
        }

        errors = found;
        return records;
    }

    private static TelemetryRecord? ParseLine(int n, string line, List<ValidationError> errors)
    {
        var where = $"line {n}: $";
        var doc = StrictJson.TryParse(line, default, out var decodeErrors);
        if (doc is null)
        {
            errors.AddRange(decodeErrors.Select(e => e with { Path = $"line {n}: {e.Path}" }));
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError(where, "must be a JSON object", root.ValueKind.ToString(), "write {\"t\": \"...\", \"cpu\": 0.5} or {\"t\": \"...\", \"event\": \"login\"}"));
                return null;
            }

            var count = errors.Count;
            DateTimeOffset t = default;
            if (!root.TryGetProperty("t", out var tProp) || tProp.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(tProp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out t))
            {
                errors.Add(new ValidationError($"{where}.t", "must be an ISO-8601 timestamp", tProp.ValueKind == JsonValueKind.Undefined ? "nothing" : tProp.GetRawText(), "add \"t\": \"2025-01-01T12:00:00Z\""));
            }

            if (root.TryGetProperty("event", out var ev))
            {
                var e = ReadEvent(where, t, ev, root, errors);
                return errors.Count == count ? new TelemetryRecord(n, null, e) : null;
            }

            var sample = new TelemetrySample { Timestamp = t };
            var any = false;
            foreach (var prop in root.EnumerateObject())
            {
                if (prop.Name is "t" or "vmi")
                {
                    continue;
                }

                if (!MetricNames.TryParse(prop.Name, out var metric))
                {
                    errors.Add(new ValidationError($"{where}.{prop.Name}", "is not a metric", null, $"use t, event, fields or one of {string.Join(", ", MetricNames.All)}"));
                    continue;
                }

                if (prop.Value.ValueKind != JsonValueKind.Number || !double.IsFinite(prop.Value.GetDouble()) || prop.Value.GetDouble() < 0)
                {
                    errors.Add(new ValidationError($"{where}.{prop.Name}", "must be a non-negative number", prop.Value.GetRawText(), "write e.g. 0.85"));
                    continue;
                }

                any = true;
                sample = With(sample, metric, prop.Value.GetDouble());
            }

            if (!any && errors.Count == count)
            {
                errors.Add(new ValidationError(where, "has neither metrics nor an event", null, $"add one of {string.Join(", ", MetricNames.All)} or \"event\""));
            }

            return errors.Count == count ? new TelemetryRecord(n, sample, null) : null;
        }
    }

    private static TelemetryEvent? ReadEvent(string where, DateTimeOffset t, JsonElement ev, JsonElement root, List<ValidationError> errors)
    {
        if (ev.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(ev.GetString()))
        {
            errors.Add(new ValidationError($"{where}.event", "must be a non-empty string", ev.GetRawText(), "write \"event\": \"login\""));
            return null;
        }

        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        if (root.TryGetProperty("fields", out var f))
        {
            if (f.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError($"{where}.fields", "must be an object", f.GetRawText(), "write \"fields\": {\"user\": \"alice\"}"));
                return null;
            }

            foreach (var p in f.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        fields[p.Name] = FieldValue.Of(p.Value.GetString()!);
                        break;
                    case JsonValueKind.Number:
                        fields[p.Name] = FieldValue.Of(p.Value.GetDouble());
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        fields[p.Name] = FieldValue.Of(p.Value.GetBoolean());
                        break;
                    default:
                        errors.Add(new ValidationError($"{where}.fields.{p.Name}", "must be a string, number or boolean", p.Value.GetRawText(), "flatten nested values"));
                        break;
                }
            }
        }

        return new TelemetryEvent(t, ev.GetString()!, fields) { Source = EventSources.Replay };
    }

    private static TelemetrySample With(TelemetrySample s, MetricKind metric, double v) => metric switch
    {
        MetricKind.Cpu => s with { Cpu = v },
        MetricKind.Mem => s with { Mem = v },
        MetricKind.NetRx => s with { NetRx = v },
        MetricKind.NetTx => s with { NetTx = v },
        MetricKind.IoRead => s with { IoRead = v },
        _ => s with { IoWrite = v },
    };
}
