using System.Globalization;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Reads typed fields of one action (or one of its option tables), collecting the first error.</summary>
internal sealed class ActionFieldReader(string action, IReadOnlyDictionary<string, RawValue> fields, ActionLimits limits, string prefix = "")
{
    public string? Error { get; private set; }

    public string? String(string name, bool required, Func<string, bool>? valid = null, string? fix = null)
    {
        if (!TryGet(name, required, "a string", out var raw) || raw is null)
        {
            return null;
        }

        if (raw.Scalar is not { Kind: FieldValueKind.Text } s)
        {
            return Fail(name, $"must be a string", raw.Display, fix ?? "pass a string");
        }

        if (s.Text!.Length == 0 || s.Text.Length > limits.MaxStringLength)
        {
            return Fail(name, $"must be 1..{limits.MaxStringLength} characters long", $"{s.Text.Length} characters", "shorten it");
        }

        return valid is null || valid(s.Text) ? s.Text : Fail(name, "is not allowed", raw.Display, fix ?? string.Empty);
    }

    public double? Number(string name, bool required, double min, double max, string unit = "", bool minExclusive = false)
    {
        if (!TryGet(name, required, "a number", out var raw) || raw is null)
        {
            return null;
        }

        var range = string.Create(CultureInfo.InvariantCulture, $"{(minExclusive ? "(" : "[")}{min}, {max}]{unit}");
        if (raw.Scalar is not { Kind: FieldValueKind.Number } s)
        {
            Fail(name, "must be a number", raw.Display, $"pass a number in {range}");
            return null;
        }

        if (s.Number > max || s.Number < min || (minExclusive && s.Number == min))
        {
            Fail(name, $"is out of range {range}", raw.Display, $"pass a number in {range}");
            return null;
        }

        return s.Number;
    }

    public TimeSpan? Ttl(string name, bool required, double maxSeconds)
    {
        var seconds = Number(name, required, 0, maxSeconds, " seconds", minExclusive: true);
        return seconds is { } v ? TimeSpan.FromSeconds(v) : null;
    }

    public IReadOnlyDictionary<string, RawValue>? Table(string name, bool required)
    {
        if (!TryGet(name, required, "a table", out var raw) || raw is null)
        {
            return null;
        }

        return raw.Table ?? Fail<IReadOnlyDictionary<string, RawValue>>(name, "must be a table", raw.Display, "pass a table such as {ttl=60}");
    }

    public void RejectUnknown(params string[] known)
    {
        foreach (var key in fields.Keys.Order(StringComparer.Ordinal))
        {
            if (Array.IndexOf(known, key) < 0)
            {
                Fail(key, "is not a known field", null, $"use only {string.Join(", ", known)}");
                return;
            }
        }
    }

    public string? Fail(string field, string what, string? got, string fix) => Fail<string>(field, what, got, fix);

    private T? Fail<T>(string field, string what, string? got, string fix)
        where T : class
    {
        var gotText = got is null ? string.Empty : $" (got {got})";
        var fixText = string.IsNullOrEmpty(fix) ? string.Empty : $"; {fix}";
        Error ??= $"{action}: {prefix}{field} {what}{gotText}{fixText}";
        return null;
    }

    private bool TryGet(string name, bool required, string expected, out RawValue? raw)
    {
        if (Error is not null)
        {
            raw = null;
            return false;
        }

        if (fields.TryGetValue(name, out raw))
        {
            if (raw.Unsupported is not null)
            {
                Fail(name, $"must be {expected}", raw.Unsupported, $"pass {expected}");
                return false;
            }

            return true;
        }

        if (required)
        {
            Fail(name, "is required", null, $"pass {expected}");
            return false;
        }

        return true;
    }
}
