using System.Text.Json.Nodes;

namespace VmiGrains.Domain.Tests.Profiles;

/// <summary>A valid baseline document and a way to break it one field at a time.</summary>
internal static class ProfileJson
{
    public const string Valid = """
        {
          "id": "render",
          "name": "Rendering",
          "resource_weights": { "cpu": 0.4, "ram": 0.3, "network": 0.2, "storage": 0.1 },
          "application_priorities": { "blender": "high", "updatedb": { "nice": 19 } },
          "behavioral_rules": [ { "name": "burst", "source": "function on_tick(vmi) end" } ],
          "network_policy": {
            "default": "deny",
            "rules": [ { "direction": "egress", "protocol": "tcp", "ports": "443", "cidr": "10.0.0.0/8", "action": "allow" } ]
          },
          "evaluation_interval": "1s",
          "labels": { "team": "render" },
          "allowed_programs": [ "/usr/bin/blender" ],
          "observers": { "interval": "2s", "users": true, "applications": [ "blender", "/usr/bin/python3" ] }
        }
        """;

    /// <summary>The baseline with <paramref name="path"/> (dot-separated, [n] for items) set to raw JSON, or removed when null.</summary>
    public static string With(string path, string? rawJson)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        var parts = path.Split('.');
        JsonNode parent = root;
        foreach (var part in parts[..^1])
        {
            parent = Step(parent, part);
        }

        var last = parts[^1];
        if (last.EndsWith(']'))
        {
            var (name, index) = SplitIndex(last);
            var array = (name.Length == 0 ? parent : parent[name]!).AsArray();
            if (rawJson is null)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = JsonNode.Parse(rawJson);
            }
        }
        else if (rawJson is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(rawJson);
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        if (!part.EndsWith(']'))
        {
            return node[part]!;
        }

        var (name, index) = SplitIndex(part);
        return node[name]![index]!;
    }

    private static (string Name, int Index) SplitIndex(string part)
    {
        var open = part.IndexOf('[', StringComparison.Ordinal);
        return (part[..open], int.Parse(part[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
