using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Tests.Profiles;

/// <summary>Keeps <c>docs/profile.schema.json</c> in step with the parser.</summary>
public sealed class ProfileSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(RepoPaths.Of("docs", "profile.schema.json")));

    public static TheoryData<string> Examples() => ExampleProfileTests.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Schema_AcceptsEveryExample(string file)
    {
        var result = Evaluate(File.ReadAllText(RepoPaths.Of("examples", "profiles", file)));

        Assert.True(result, $"{file} should validate against the schema");
    }

    [Fact]
    public void Schema_AcceptsTheParserBaseline() => Assert.True(Evaluate(ProfileJson.Valid));

    public static TheoryData<string, string?> BadDocuments => new()
    {
        { "id", "\"Not A Slug\"" },
        { "id", null },
        { "name", null },
        { "resource_weights.cpu", "1.5" },
        { "resource_weights.storage", null },
        { "resource_weights.gpu", "0" },
        { "application_priorities.blender", "\"urgent\"" },
        { "application_priorities.updatedb", "{\"nice\": 25}" },
        { "behavioral_rules", "42" },
        { "behavioral_rules[0].name", "\"Bad Name\"" },
        { "network_policy.default", "\"block\"" },
        { "network_policy.rules[0].protocol", "\"icmp\"" },
        { "network_policy.rules[0].ports", "\"80,443\"" },
        { "network_policy.rules[0].action", "\"drop\"" },
        { "evaluation_interval", "\"fast\"" },
        { "labels.team", "5" },
        { "allowed_programs[0]", "\"bin/sh\"" },
        { "unknown_field", "1" },
        { "observers", "{}" },
        { "observers.interval", "\"soon\"" },
        { "observers.applications[0]", "\"bin/nginx\"" },
        { "observers.syscals", "true" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"exec\"]}" },
        { "observers.syscalls", "{\"applications\": [], \"calls\": [\"execve\"]}" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"]}" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"openat\"], \"paths\": [\"etc\"]}" },
        { "observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"openat\"], \"paths\": []}" },
        { "rollout_gate", "{\"metric\": \"cpu\"}" },
        { "rollout_gate", "{\"metric\": \"gpu\", \"max_increase\": 0.1}" },
        { "rollout_gate", "{\"metric\": \"cpu\", \"statistic\": \"p99\", \"max_increase\": 0.1}" },
        { "rollout_gate", "{\"metric\": \"cpu\", \"max_increase_percent\": 5000}" },
        { "rollout_gate", "{\"max_increase\": 0.1}" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Schema_RejectsWhatTheParserRejects(string field, string? rawJson)
    {
        var json = ProfileJson.With(field, rawJson);

        Assert.False(Evaluate(json), "the schema should reject this document");
        Assert.Null(ProfileParser.TryParse(json, out _));
    }

    [Theory]
    [InlineData("behavioral_rules", "\"\"")]
    [InlineData("behavioral_rules", "[]")]
    [InlineData("observers.syscalls", "{\"applications\": [\"nginx\"], \"calls\": [\"openat\", \"execve\"], \"paths\": [\"/etc\", \"/root/.ssh\"]}")]
    [InlineData("rollout_gate", "{\"metric\": \"net_tx\", \"statistic\": \"avg\", \"max_increase_percent\": 20}")]
    public void Schema_AcceptsWhatTheParserAccepts(string field, string rawJson)
    {
        var json = ProfileJson.With(field, rawJson);

        Assert.True(Evaluate(json), "the schema should accept this document");
        Assert.NotNull(ProfileParser.TryParse(json, out _));
    }

    [Fact]
    public void Schema_NamesExactlyTheParsersFields()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("docs", "profile.schema.json")))!;
        var properties = schema["properties"]!;

        Assert.Equal(ProfileFields.Root.Order(), properties.AsObject().Select(p => p.Key).Order());
        Assert.Equal(ProfileFields.Weights.Order(), properties["resource_weights"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(ProfileFields.Observers.Order(), properties["observers"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(ProfileFields.RolloutGate.Order(), properties["rollout_gate"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(ProfileFields.GateStatistics, properties["rollout_gate"]!["properties"]!["statistic"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        var syscalls = properties["observers"]!["properties"]!["syscalls"]!;
        Assert.Equal(ProfileFields.SyscallObserver.Order(), syscalls["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(ProfileFields.TracedCalls, syscalls["properties"]!["calls"]!["items"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(ProfileFields.NetworkPolicy.Order(), properties["network_policy"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(ProfileFields.NetworkRule.Order(), schema["$defs"]!["networkRule"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(ProfileFields.RootRequired.Order(), schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
    }

    private static bool Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement).IsValid;
    }
}
