using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VmiGrains.Testing;

/// <summary>
/// Deterministic, seeded mutations of a valid JSON document, the kinds an attacker or a broken tool
/// sends: truncation, type swaps, huge numbers, NaN/Infinity, deep nesting, enormous strings and
/// arrays, control characters, duplicate keys, lone surrogates (escaped and raw), BOMs and bytes
/// that are not UTF-8. The same seed always gives the same inputs, so a failure can be replayed.
/// </summary>
internal sealed class JsonMutator(int seed)
{
    private const string Marker = "__raw_";

    private static readonly string[] Raws =
    [
        "null", "true", "false", "0", "-1", "1.5", "\"\"", "[]", "{}", "[null]", "{\"\":null}",
        "1e400", "-1e400", "123456789012345678901234567890", "-0", "1E-400", "9223372036854775808",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity",
        "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud83d\"", "\"\\u0000\"", "\"\\u001b[31m\"", "\"line\\nbreak\"",
        "\"\\ud83d\\ude00\"", "\"‮evil\"", "\"../../etc/passwd\"", "\"'; DROP TABLE\"", "\"%s%n\"",
    ];

    /// <summary>Replacements for string values: surrogates, escapes, far dates, path tricks.</summary>
    private static readonly string[] HostileStrings =
    [
        "\"\\ud800\"", "\"x\\udfffy\"", "\"\\ud83d\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\u001f\\u007f\"", "\"\"", "\" \"",
        "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"2026-12-01T10:00:00+14:00\"", "\"2026-13-45T99:99:99Z\"",
        "\"NaN\"", "\"1e400\"", "\"-0\"", "\"0x10\"", "\"../..\"", "\"a\\\\b\"", "\"\\\"\"", "\"ü\\u0301\"", "\"\\ufeff\"", "\"\\uffff\"",
    ];

    private readonly Random _random = new(seed);

    /// <summary>Names of the mutations applied by the last call, for failure messages.</summary>
    public string Last { get; private set; } = string.Empty;

    /// <summary>One to three mutations of <paramref name="json"/>, as text (which may hold lone surrogates).</summary>
    public string Mutate(string json)
    {
        var applied = new List<string>();
        var text = json;
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            text = MutateOnce(text, applied);
        }

        Last = string.Join(" + ", applied);
        return text;
    }

    /// <summary>Like <see cref="Mutate"/>, as bytes: sometimes with a BOM, or bytes that are not UTF-8.</summary>
    public byte[] MutateBytes(string json)
    {
        var text = Mutate(json);
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        switch (_random.Next(8))
        {
            case 0:
                bytes.InsertRange(0, Encoding.UTF8.Preamble.ToArray());
                Last += " + BOM";
                break;
            case 1:
                bytes.InsertRange(_random.Next(bytes.Count + 1), Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]]));
                Last += " + invalid UTF-8";
                break;
            case 2:
                bytes.InsertRange(0, Encoding.UTF8.Preamble.ToArray());
                bytes.InsertRange(0, Encoding.UTF8.Preamble.ToArray());
                Last += " + two BOMs";
                break;
            default:
                break;
        }

        return [.. bytes];
    }

    private string MutateOnce(string text, List<string> applied)
    {
        switch (_random.Next(12))
        {
            case 0:
                applied.Add("truncate");
                return text[..(text.Length == 0 ? 0 : _random.Next(text.Length))];
            case 1:
                applied.Add("duplicate key");
                var brace = text.IndexOf('{', StringComparison.Ordinal);
                var key = Pick(Keys(text));
                return brace < 0 ? text : text.Insert(brace + 1, $"\"{key}\":{Pick(Raws)},");
            case 2:
                applied.Add("raw control character");
                return Insert(text, ((char)_random.Next(0, 32)).ToString());
            case 3:
                applied.Add("raw lone surrogate");
                return Insert(text, ((char)_random.Next(0xD800, 0xE000)).ToString());
            case 4:
                applied.Add("delete a character");
                return text.Length == 0 ? text : text.Remove(_random.Next(text.Length), 1);
            default:
                return MutateTree(text, applied);
        }
    }

    /// <summary>Replaces one value of the tree (or one key) with something hostile; a text mutation when the text no longer parses.</summary>
    private string MutateTree(string text, List<string> applied)
    {
        try
        {
            return MutateParsed(JsonNode.Parse(text), text, applied);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            // JsonNode itself refuses what earlier mutations did (duplicate keys, lone surrogates).
            applied.Add("truncate (unparsable)");
            return text.Length == 0 ? "{" : text[..Math.Max(0, text.Length - 1)];
        }
    }

    private string MutateParsed(JsonNode? root, string text, List<string> applied)
    {

        var raws = new List<string>();
        string Placeholder(string raw)
        {
            raws.Add(raw);
            return $"{Marker}{raws.Count - 1}";
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var strings = nodes.Where(n => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        var kind = _random.Next(10);
        var target = kind >= 7 && strings.Count > 0 ? Pick(strings) : nodes.Count == 0 ? null : Pick(nodes);
        var (what, replacement) = kind switch
        {
            >= 7 => ("hostile string", (JsonNode?)Placeholder(Pick(HostileStrings))),
            0 => ("type swap / special value", Placeholder(Pick(Raws))),
            1 => ("enormous string", JsonValue.Create(new string(Pick(['x', 'é', "😀"[0]]), 100_000 + _random.Next(300_000)))),
            2 => ("enormous array", new JsonArray([.. Enumerable.Range(0, 20_000 + _random.Next(60_000)).Select(i => (JsonNode?)JsonValue.Create(i))])),
            3 => ("deep nesting", Placeholder(Nesting(20 + _random.Next(5_000), balanced: _random.Next(2) == 0))),
            4 => ("hostile key", null),
            5 => ("huge number", Placeholder(Pick(["1e400", "-1e400", "1" + new string('0', 400), "0." + new string('0', 400) + "1", "4294967296", "2147483648", "-2147483649"]))),
            _ => ("NaN/Infinity", Placeholder(Pick(["NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\""]))),
        };
        applied.Add(what);

        if (what == "hostile key")
        {
            var objects = nodes.OfType<JsonObject>().ToList();
            if (objects.Count == 0)
            {
                return text;
            }

            var obj = Pick(objects);
            var name = Pick(["\ud800", "", " ", "id\u0000", "$schema", "__proto__", new string('k', 10_000), "a.b[0]", "\"", "\\"]);
            obj[name] = JsonValue.Create(1);
        }
        else if (target is null || target.Parent is null)
        {
            return replacement?.ToJsonString() is { } whole ? Restore(whole, raws) : text;
        }
        else
        {
            switch (target.Parent)
            {
                case JsonObject parent:
                    parent[target.GetPropertyName()] = replacement;
                    break;
                case JsonArray array:
                    array[target.GetElementIndex()] = replacement;
                    break;
                default:
                    break;
            }
        }

        return Restore(root?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null", raws);
    }

    /// <summary>Puts the raw texts back where their placeholders (serialized as JSON strings) are.</summary>
    private static string Restore(string json, List<string> raws)
    {
        for (var i = raws.Count - 1; i >= 0; i--)
        {
            json = json.Replace($"\"{Marker}{i.ToString(CultureInfo.InvariantCulture)}\"", raws[i], StringComparison.Ordinal);
        }

        return json;
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, nodes);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, nodes);
                }

                break;
            default:
                break;
        }
    }

    private static List<string> Keys(string text)
    {
        try
        {
            var nodes = new List<JsonNode>();
            Collect(JsonNode.Parse(text), nodes);
            var keys = nodes.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Key)).ToList();
            return keys.Count == 0 ? ["id"] : keys;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return ["id"];
        }
    }

    private static string Nesting(int depth, bool balanced) =>
        string.Concat(Enumerable.Repeat("[", depth)) + (balanced ? string.Concat(Enumerable.Repeat("]", depth)) : string.Empty);

    private string Insert(string text, string what) => text.Insert(_random.Next(text.Length + 1), what);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
