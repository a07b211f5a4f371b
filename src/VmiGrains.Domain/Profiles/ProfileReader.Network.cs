using System.Text.Json;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>network_policy</c>: a default and an ordered list of rules.</summary>
internal sealed partial class ProfileReader
{
    private const string PolicyPath = "$.network_policy";

    private NetworkPolicy? ReadPolicy(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(PolicyPath, "must be an object with \"default\" and \"rules\"", Show(value),
                "write e.g. {\"default\": \"deny\", \"rules\": [{\"direction\": \"egress\", \"protocol\": \"tcp\", \"ports\": \"443\", \"action\": \"allow\"}]}");
            return null;
        }

        CheckFields(value, PolicyPath, ProfileFields.NetworkPolicy);
        RequireFields(value, PolicyPath, ["default"]);
        PolicyDefault? policyDefault = null;
        if (Field(value, "default", out var d) && Choice(d, JsonPaths.Child(PolicyPath, "default"), ProfileFields.PolicyDefaults) is { } text)
        {
            policyDefault = text == "allow" ? PolicyDefault.Allow : PolicyDefault.Deny;
        }

        var rules = Field(value, "rules", out var r) ? ReadNetworkRules(r) : [];
        return policyDefault is { } def && rules is not null ? new NetworkPolicy(def, rules) : null;
    }

    private List<NetworkRule>? ReadNetworkRules(JsonElement value)
    {
        var path = JsonPaths.Child(PolicyPath, "rules");
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(path, "must be a list of rules", Show(value), "write [ ] around the rules");
            return null;
        }

        if (value.GetArrayLength() > ProfileLimits.MaxNetworkRules)
        {
            Fail(path, $"has {value.GetArrayLength()} rules; the limit is {ProfileLimits.MaxNetworkRules}", null, "combine rules with port ranges or wider CIDR blocks");
            return null;
        }

        var rules = new List<NetworkRule>();
        var ok = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ReadNetworkRule(item, JsonPaths.Index(path, index++)) is { } rule)
            {
                rules.Add(rule);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? rules : null;
    }

    private NetworkRule? ReadNetworkRule(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Fail(path, "must be an object", Show(item), "write e.g. {\"direction\": \"ingress\", \"protocol\": \"tcp\", \"ports\": \"22\", \"action\": \"deny\"}");
            return null;
        }

        var before = _errors.Count;
        CheckFields(item, path, ProfileFields.NetworkRule);
        RequireFields(item, path, ["direction", "action"]);
        var direction = Field(item, "direction", out var dir) ? Choice(dir, JsonPaths.Child(path, "direction"), ProfileFields.Directions) : null;
        var protocol = Field(item, "protocol", out var proto) ? Choice(proto, JsonPaths.Child(path, "protocol"), ProfileFields.Protocols) : "any";
        var action = Field(item, "action", out var act) ? Choice(act, JsonPaths.Child(path, "action"), ProfileFields.Actions) : null;
        var ports = Field(item, "ports", out var p) ? ReadPorts(p, JsonPaths.Child(path, "ports"), protocol) : null;
        var cidr = Field(item, "cidr", out var c) ? ReadCidr(c, JsonPaths.Child(path, "cidr")) : null;
        string? app = null;
        if (OptionalString(item, path, "app") is { } appName && CheckAppName(appName, JsonPaths.Child(path, "app")))
        {
            app = appName;
        }

        if (_errors.Count > before || direction is null || protocol is null || action is null)
        {
            return null;
        }

        return new NetworkRule(
            direction == "ingress" ? TrafficDirection.Ingress : TrafficDirection.Egress,
            Enum.Parse<NetworkProtocol>(protocol, ignoreCase: true),
            ports,
            cidr,
            Enum.Parse<RuleAction>(action, ignoreCase: true),
            app);
    }

    private PortRange? ReadPorts(JsonElement value, string path, string? protocol)
    {
        if (protocol is "icmp" or "any")
        {
            Fail(path, $"ports only apply to tcp and udp, not {protocol}", Show(value), "remove \"ports\" or set \"protocol\" to tcp or udp");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var single))
        {
            return CheckPortRange(single, single, path, Show(value));
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(path, "must be a port (\"443\") or a range (\"1000-2000\")", Show(value), "write the port as a string");
            return null;
        }

        var text = value.GetString()!;
        var parts = text.Split('-');
        if (parts.Length is < 1 or > 2 || !parts.All(part => part.Length is > 0 and <= 5 && part.All(char.IsAsciiDigit)))
        {
            Fail(path, "must be a port (\"443\") or a range (\"1000-2000\")", Show(value), "write one port or two joined by '-'");
            return null;
        }

        var from = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var to = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : from;
        return CheckPortRange(from, to, path, Show(value));
    }

    private PortRange? CheckPortRange(int from, int to, string path, string shown)
    {
        if (from is < 1 or > 65535 || to is < 1 or > 65535)
        {
            Fail(path, "ports must be between 1 and 65535", shown, "use a port in 1-65535");
            return null;
        }

        if (from > to)
        {
            Fail(path, "range starts after it ends", shown, $"write \"{to}-{from}\"");
            return null;
        }

        return new PortRange(from, to);
    }

    private string? ReadCidr(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(path, "must be a CIDR block such as \"10.0.0.0/8\" or \"2001:db8::/32\"", Show(value), "quote the block");
            return null;
        }

        if (CidrText.TryNormalize(value.GetString()!, out var normalized, out var problem, out var suggestion))
        {
            return normalized;
        }

        Fail(path, problem!, Show(value), suggestion is null ? "write e.g. \"10.0.0.0/8\" or \"2001:db8::/32\"" : $"did you mean \"{suggestion}\"?");
        return null;
    }
}
