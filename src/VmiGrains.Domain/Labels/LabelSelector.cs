using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Labels;

/// <summary>
/// A label selector as kubectl writes it: requirements separated by commas, all of which must hold —
/// <c>key=value</c> (also <c>key==value</c>), <c>key!=value</c> (true when the key is absent too),
/// <c>key</c> (the key exists) and <c>!key</c> (it does not). Whitespace around parts is ignored. The empty
/// selector matches everything.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(string text, IReadOnlyList<Requirement> requirements)
    {
        Text = text;
        _requirements = requirements;
    }

    /// <summary>The selector matching every VMI.</summary>
    public static LabelSelector All { get; } = new(string.Empty, []);

    /// <summary>The selector as given (trimmed).</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; an invalid one is refused naming <paramref name="field"/>, the part and the fix.</summary>
    public static LabelSelector Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return All;
        }

        var requirements = new List<Requirement>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            requirements.Add(ParsePart(part, field, text));
        }

        return new LabelSelector(text.Trim(), requirements);
    }

    /// <summary>True when every requirement holds on <paramref name="labels"/> (null: no labels).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var r in _requirements)
        {
            string? value = null;
            var has = labels is not null && labels.TryGetValue(r.Key, out value);
            var holds = r.Op switch
            {
                Op.Equals => has && value == r.Value,
                Op.NotEquals => !has || value != r.Value,
                Op.Exists => has,
                _ => !has,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static Requirement ParsePart(string part, string field, string whole)
    {
        const string fix = "write e.g. tier=web,env!=prod,canary (key=value, key!=value, key, !key)";
        if (part.Length == 0)
        {
            throw Invalid(field, "has an empty requirement (two commas, or a comma at an end)", whole, fix);
        }

        Op op;
        string key;
        string? value = null;
        var notEquals = part.IndexOf("!=", StringComparison.Ordinal);
        var equals = part.IndexOf('=', StringComparison.Ordinal);
        if (notEquals >= 0)
        {
            (op, key, value) = (Op.NotEquals, part[..notEquals].Trim(), part[(notEquals + 2)..].Trim());
        }
        else if (equals >= 0)
        {
            var rest = part[(equals + 1)..];
            (op, key, value) = (Op.Equals, part[..equals].Trim(), (rest.StartsWith('=') ? rest[1..] : rest).Trim());
        }
        else if (part.StartsWith('!'))
        {
            (op, key) = (Op.Absent, part[1..].Trim());
        }
        else
        {
            (op, key) = (Op.Exists, part);
        }

        if (!LabelRules.IsValidKey(key))
        {
            throw Invalid(field, $"'{part}': {LabelRules.KeyRule}", whole, fix);
        }

        if (value is not null && (value.Contains('=', StringComparison.Ordinal) || value.Contains('!', StringComparison.Ordinal) || !LabelRules.IsValidValue(value)))
        {
            throw Invalid(field, $"'{part}': the value may not contain '=' or '!', control characters, or more than 256 characters", whole, fix);
        }

        return new Requirement(key, op, value);
    }

    private static InvalidRequestException Invalid(string field, string message, string value, string fix) =>
        new(new ValidationError(field, message, value, fix));

    private enum Op
    {
        Equals,
        NotEquals,
        Exists,
        Absent,
    }

    private sealed record Requirement(string Key, Op Op, string? Value);
}
