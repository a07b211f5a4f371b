using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Tests.Profiles;

/// <summary>
/// One broken field at a time: each case asserts the exact JSON path, message and shown value of
/// the single error it causes. Cases with several errors are in <see cref="ProfileParserTests"/>.
/// </summary>
public sealed class BadProfileTests
{
    private const string Slug = "must be a slug: lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters";
    private const string WeightRange = "must be between 0 and 1";
    private const string Duration = "must be a duration such as \"500ms\", \"1s\" or \"2m\" (or a number of seconds)";
    private const string PortForm = "must be a port (\"443\") or a range (\"1000-2000\")";
    private const string Rule0 = "network_policy.rules[0]";

    public static TheoryData<string, string?, string, string, string?> Cases => new()
    {
        // mutated field, new raw JSON (null = removed), expected path, message, shown value
        { "id", "\"Render\"", "$.id", Slug, "\"Render\"" },
        { "id", "\"-render\"", "$.id", Slug, "\"-render\"" },
        { "id", "\"render_farm\"", "$.id", Slug, "\"render_farm\"" },
        { "id", $"\"{new string('a', 64)}\"", "$.id", Slug, $"\"{new string('a', 60)}…\"" },
        { "id", "42", "$.id", "must be a string", "42" },
        { "id", null, "$.id", "is required", null },
        { "name", "\"  \"", "$.name", "must not be empty", "\"  \"" },
        { "name", null, "$.name", "is required", null },
        { "name", "\"two\\nlines\"", "$.name", "must be at most 128 characters without control characters", "\"two\\nlines\"" },
        { "description", $"\"{new string('d', 2049)}\"", "$.description", "is 2049 characters long; the limit is 2048", null },
        { "resource_weights", null, "$.resource_weights", "is required", null },
        { "resource_weights", "[0.25, 0.25, 0.25, 0.25]", "$.resource_weights", "must be an object with cpu, ram, network and storage", "an array" },
        { "resource_weights.cpu", "1.5", "$.resource_weights.cpu", WeightRange, "1.5" },
        { "resource_weights.cpu", "-0.1", "$.resource_weights.cpu", WeightRange, "-0.1" },
        { "resource_weights.cpu", "\"0.4\"", "$.resource_weights.cpu", "must be a number between 0 and 1", "\"0.4\"" },
        { "resource_weights.cpu", "0.5", "$.resource_weights", "weights must sum to 1", "a sum of 1.1" },
        { "resource_weights.storage", null, "$.resource_weights.storage", "is required", null },
        { "resource_weights.cpuu", "0", "$.resource_weights.cpuu", "unknown field", "\"cpuu\"" },
        { "application_priorities", "\"high\"", "$.application_priorities", "must be an object mapping application names to priorities", "\"high\"" },
        { "application_priorities.blender", "\"hihg\"", "$.application_priorities.blender", "unknown priority level; levels are idle, low, below_normal, normal, above_normal, high", "\"hihg\"" },
        { "application_priorities.blender", "\"urgent\"", "$.application_priorities.blender", "unknown priority level; levels are idle, low, below_normal, normal, above_normal, high", "\"urgent\"" },
        { "application_priorities.blender", "7", "$.application_priorities.blender", "must be a level (idle, low, below_normal, normal, above_normal, high) or {\"nice\": -20..19}", "7" },
        { "application_priorities.updatedb", "{\"nice\": 25}", "$.application_priorities.updatedb.nice", "must be a whole number from -20 (most favoured) to 19 (least)", "25" },
        { "application_priorities.updatedb", "{\"nice\": -21}", "$.application_priorities.updatedb.nice", "must be a whole number from -20 (most favoured) to 19 (least)", "-21" },
        { "application_priorities.updatedb", "{\"nice\": 1.5}", "$.application_priorities.updatedb.nice", "must be a whole number from -20 (most favoured) to 19 (least)", "1.5" },
        { "application_priorities.updatedb", "{}", "$.application_priorities.updatedb.nice", "is required", null },
        { "application_priorities.bad name", "\"low\"", "$.application_priorities[\"bad name\"]", "application name must be 1-64 letters, digits, '.', '_', '+' or '-' (the process name, as pgrep -x or Get-Process see it)", "\"bad name\"" },
        { "behavioral_rules", "42", "$.behavioral_rules", "must be a Lua script (a string) or a list of {\"name\", \"source\"}", "42" },
        { "behavioral_rules[0].name", "\"Burst!\"", "$.behavioral_rules[0].name", "must be 1-63 lowercase letters, digits, '_' or '-'", "\"Burst!\"" },
        { "behavioral_rules[0].source", "\"  \"", "$.behavioral_rules[0].source", "rule 'burst' is empty", "\"\"" },
        { "behavioral_rules[0].source", "\"print(1)\"", "$.behavioral_rules[0].source", "rule 'burst' defines neither on_tick nor on_event", "\"print(1)\"" },
        { "behavioral_rules[0].source", null, "$.behavioral_rules[0].source", "is required", null },
        { "behavioral_rules", "\"x = 1\"", "$.behavioral_rules", "rule 'main' defines neither on_tick nor on_event", "\"x = 1\"" },
        { "network_policy", "\"deny\"", "$.network_policy", "must be an object with \"default\" and \"rules\"", "\"deny\"" },
        { "network_policy.default", "\"block\"", "$.network_policy.default", "must be one of allow, deny", "\"block\"" },
        { "network_policy.default", null, "$.network_policy.default", "is required", null },
        { "network_policy.rules", "{}", "$.network_policy.rules", "must be a list of rules", "an object" },
        { "network_policy.rules[0]", "\"allow all\"", $"$.{Rule0}", "must be an object", "\"allow all\"" },
        { $"{Rule0}.direction", "\"inbound\"", $"$.{Rule0}.direction", "must be one of ingress, egress", "\"inbound\"" },
        { $"{Rule0}.direction", null, $"$.{Rule0}.direction", "is required", null },
        { $"{Rule0}.protocol", "\"http\"", $"$.{Rule0}.protocol", "must be one of any, tcp, udp, icmp", "\"http\"" },
        { $"{Rule0}.protocol", "\"icmp\"", $"$.{Rule0}.ports", "ports only apply to tcp and udp, not icmp", "\"443\"" },
        { $"{Rule0}.protocol", null, $"$.{Rule0}.ports", "ports only apply to tcp and udp, not any", "\"443\"" },
        { $"{Rule0}.ports", "\"0\"", $"$.{Rule0}.ports", "ports must be between 1 and 65535", "\"0\"" },
        { $"{Rule0}.ports", "\"70000\"", $"$.{Rule0}.ports", "ports must be between 1 and 65535", "\"70000\"" },
        { $"{Rule0}.ports", "\"2000-1000\"", $"$.{Rule0}.ports", "range starts after it ends", "\"2000-1000\"" },
        { $"{Rule0}.ports", "\"80,443\"", $"$.{Rule0}.ports", PortForm, "\"80,443\"" },
        { $"{Rule0}.ports", "true", $"$.{Rule0}.ports", PortForm, "true" },
        { $"{Rule0}.cidr", "\"10.0.0.1/8\"", $"$.{Rule0}.cidr", "has host bits set after the prefix", "\"10.0.0.1/8\"" },
        { $"{Rule0}.cidr", "\"10.0.0.0/33\"", $"$.{Rule0}.cidr", "prefix length must be 0-32", "\"10.0.0.0/33\"" },
        { $"{Rule0}.cidr", "\"2001:db8::/129\"", $"$.{Rule0}.cidr", "prefix length must be 0-128", "\"2001:db8::/129\"" },
        { $"{Rule0}.cidr", "\"300.1.1.1\"", $"$.{Rule0}.cidr", "is not an IPv4 or IPv6 address or CIDR block", "\"300.1.1.1\"" },
        { $"{Rule0}.cidr", "\"10.1\"", $"$.{Rule0}.cidr", "is not an IPv4 or IPv6 address or CIDR block", "\"10.1\"" },
        { $"{Rule0}.action", "\"drop\"", $"$.{Rule0}.action", "must be one of allow, deny, reject", "\"drop\"" },
        { $"{Rule0}.app", "\"my app\"", $"$.{Rule0}.app", "application name must be 1-64 letters, digits, '.', '_', '+' or '-' (the process name, as pgrep -x or Get-Process see it)", "\"my app\"" },
        { "evaluation_interval", "\"fast\"", "$.evaluation_interval", Duration, "\"fast\"" },
        { "evaluation_interval", "\"10ms\"", "$.evaluation_interval", "must be between 100ms and 1h", "\"10ms\"" },
        { "evaluation_interval", "\"2h\"", "$.evaluation_interval", "must be between 100ms and 1h", "\"2h\"" },
        { "evaluation_interval", "-1", "$.evaluation_interval", Duration, "-1" },
        { "labels", "[\"a\"]", "$.labels", "must be an object of string values", "an array" },
        { "labels.team", "5", "$.labels.team", "label values must be strings", "5" },
        { "allowed_programs", "\"/usr/bin/blender\"", "$.allowed_programs", "must be a list of program paths or names", "\"/usr/bin/blender\"" },
        { "allowed_programs[0]", "\"bin/blender\"", "$.allowed_programs[0]", "must be an absolute path (\"/usr/bin/ffmpeg\") or a bare program name (\"ffmpeg\")", "\"bin/blender\"" },
        { "allowed_programs[0]", "\"\"", "$.allowed_programs[0]", "must be an absolute path (\"/usr/bin/ffmpeg\") or a bare program name (\"ffmpeg\")", "\"\"" },
        { "observers", "true", "$.observers", "must be an object with \"interval\", \"users\", \"applications\" and/or \"syscalls\"", "true" },
        { "observers.syscalls", "true", "$.observers.syscalls", "must be an object with \"applications\" and \"calls\"", "true" },
        { "observers.syscalls", "{\"calls\": [\"execve\"]}", "$.observers.syscalls.applications", "is missing or empty", null },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": []}", "$.observers.syscalls.calls", "is missing or empty", null },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"exec\"]}", "$.observers.syscalls.calls[0]", "is not a system call the observer traces", "\"exec\"" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"execve\", \"execve\"]}", "$.observers.syscalls.calls[1]", "is listed twice", "\"execve\"" },
        { "observers.syscalls", "{\"applications\": [\"bin/nginx\"], \"calls\": [\"execve\"]}", "$.observers.syscalls.applications[0]", ObservedApp, "\"bin/nginx\"" },
        { "observers.syscalls", $"{{\"applications\": [{string.Join(",", Enumerable.Range(0, 9).Select(i => $"\"app{i}\""))}], \"calls\": [\"execve\"]}}", "$.observers.syscalls.applications", "has 9 entries; the limit is 8", null },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"openat\"], \"paths\": []}", "$.observers.syscalls.paths", "must be a non-empty list of absolute paths", "an array" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"openat\"], \"paths\": [\"etc\"]}", "$.observers.syscalls.paths[0]", "must be an absolute path (\"/etc\", at most 4096 characters)", "\"etc\"" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"openat\"], \"paths\": [\"/etc\", \"/etc\"]}", "$.observers.syscalls.paths[1]", "is listed twice", "\"/etc\"" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"execve\"], \"paths\": [\"/etc\"]}", "$.observers.syscalls.paths", "filters file calls, but calls names none", null },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"execve\"], \"ring\": 1}", "$.observers.syscalls.ring", "unknown field", "\"ring\"" },
        { "observers", "{}", "$.observers", "observes nothing", "an object" },
        { "observers", "{\"users\": false}", "$.observers", "observes nothing", "an object" },
        { "observers.interval", "\"500ms\"", "$.observers.interval", ObserverInterval, "\"500ms\"" },
        { "observers.interval", "\"02:00:00\"", "$.observers.interval", ObserverInterval, "\"02:00:00\"" },
        { "observers.interval", "\"soon\"", "$.observers.interval", "must be a duration such as \"2s\", \"500ms\", \"00:00:02\" (or a number of seconds)", "\"soon\"" },
        { "observers.users", "\"yes\"", "$.observers.users", "must be true or false", "\"yes\"" },
        { "observers.syscals", "true", "$.observers.syscals", "unknown field", "\"syscals\"" },
        { "observers.applications", "\"nginx\"", "$.observers.applications", "must be a list of process names or absolute executable paths", "\"nginx\"" },
        { "observers.applications[0]", "\"bin/nginx\"", "$.observers.applications[0]", ObservedApp, "\"bin/nginx\"" },
        { "observers.applications[0]", "\"my app\"", "$.observers.applications[0]", ObservedApp, "\"my app\"" },
        { "observers.applications[0]", "\"/usr/bin/python3\"", "$.observers.applications[1]", "is listed twice", "\"/usr/bin/python3\"" },
        { "observers.applications", $"[{string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"app{i}\""))}]", "$.observers.applications", "has 33 entries; the limit is 32", null },
        { "rollout_gate", "\"cpu\"", "$.rollout_gate", "must be an object with \"metric\" and \"max_increase\" and/or \"max_increase_percent\"", "\"cpu\"" },
        { "rollout_gate", "{\"max_increase\": 0.1}", "$.rollout_gate.metric", "is required", null },
        { "rollout_gate", "{\"metric\": \"gpu\", \"max_increase\": 0.1}", "$.rollout_gate.metric", "is not a metric; use one of cpu, mem, net_rx, net_tx, io_read, io_write", "\"gpu\"" },
        { "rollout_gate", "{\"metric\": \"cpu\", \"statistic\": \"p99\", \"max_increase\": 0.1}", "$.rollout_gate.statistic", "must be one of p95, avg, max", "\"p99\"" },
        { "rollout_gate", "{\"metric\": \"cpu\"}", "$.rollout_gate", "sets no limit", "an object" },
        { "rollout_gate", "{\"metric\": \"cpu\", \"max_increase\": -0.1}", "$.rollout_gate.max_increase", "must be a number 0 or more", "-0.1" },
        { "rollout_gate", "{\"metric\": \"cpu\", \"max_increase_percent\": 5000}", "$.rollout_gate.max_increase_percent", "must be a number from 0 to 1000", "5000" },
        { "rollout_gate", "{\"metric\": \"cpu\", \"max_increase\": 0.1, \"window\": \"1m\"}", "$.rollout_gate.window", "unknown field", "\"window\"" },
    };

    private const string ObserverInterval = "must be between 1s and 1h (each poll is a guest-agent call; under TCG one costs ~0.5 s)";
    private const string ObservedApp = "must be a process name (\"nginx\", at most 64 characters, no '/' or spaces) or an absolute executable path (\"/usr/sbin/nginx\")";

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_OneBadField_ReportsExactlyThatError(string field, string? rawJson, string path, string message, string? value)
    {
        var json = ProfileJson.With(field, rawJson);

        var ex = Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
        Assert.Equal(value, error.Value);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix), $"every error says how to fix it: {error}");
    }
}
