using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Tests.Profiles;

public sealed class ProfileParserTests
{
    [Fact]
    public void Parse_ValidBaseline_ReadsEveryField()
    {
        var profile = ProfileParser.Parse(ProfileJson.Valid);

        Assert.Equal("render", profile.Id);
        Assert.Equal(new ResourceVector(0.4, 0.3, 0.2, 0.1), profile.ResourceWeights);
        Assert.Equal(new ApplicationPriority("blender", PriorityLevel.High, -10), profile.ApplicationPriorities[0]);
        Assert.Equal(new ApplicationPriority("updatedb", null, 19), profile.ApplicationPriorities[1]);
        Assert.Equal(WindowsPriorityClass.High, profile.ApplicationPriorities[0].WindowsClass);
        Assert.Equal("burst", Assert.Single(profile.BehavioralRules).Name);
        var rule = Assert.Single(profile.NetworkPolicy.Rules);
        Assert.Equal(new NetworkRule(TrafficDirection.Egress, NetworkProtocol.Tcp, new PortRange(443, 443), "10.0.0.0/8", RuleAction.Allow, null), rule);
        Assert.Equal(PolicyDefault.Deny, profile.NetworkPolicy.Default);
        Assert.Equal(TimeSpan.FromSeconds(1), profile.EvaluationInterval);
        Assert.Equal("render", profile.Labels["team"]);
        Assert.Equal(["/usr/bin/blender"], profile.AllowedPrograms!);
        Assert.Equal(new ObserverSettings { Interval = TimeSpan.FromSeconds(2), Users = true, Applications = ["blender", "/usr/bin/python3"] }, profile.Observers);
    }

    [Theory]
    [InlineData("\"00:00:02\"", 2)]
    [InlineData("\"1500ms\"", 1.5)]
    [InlineData("5", 5)]
    [InlineData(null, 1)]
    public void Parse_ObserverInterval_AcceptsEveryDurationForm(string? raw, double seconds)
    {
        var profile = ProfileParser.Parse(ProfileJson.With("observers.interval", raw));

        Assert.Equal(TimeSpan.FromSeconds(seconds), profile.Observers!.Interval);
    }

    [Fact]
    public void Parse_ObserversUsersOnly_HasNoApplications()
    {
        var profile = ProfileParser.Parse(ProfileJson.With("observers", "{\"users\": true}"));

        Assert.Equal(new ObserverSettings { Users = true }, profile.Observers);
        Assert.Equal(profile, ProfileParser.Parse(ProfileSerializer.Serialize(profile)));
    }

    [Fact]
    public void Parse_SyscallsObserver_ReadAndWrittenBack()
    {
        var profile = ProfileParser.Parse(ProfileJson.With("observers", "{\"syscalls\": {\"applications\": [\"httpd\", \"/usr/sbin/nginx\"], \"calls\": [\"execve\", \"connect\"]}}"));

        Assert.Equal(new ObserverSettings { Syscalls = new SyscallObserver { Applications = ["httpd", "/usr/sbin/nginx"], Calls = ["execve", "connect"] } }, profile.Observers);
        Assert.True(profile.Observers!.Any);
        Assert.Equal(profile, ProfileParser.Parse(ProfileSerializer.Serialize(profile)));
    }

    [Fact]
    public void Parse_RolloutGate_ReadWithTheDefaultStatisticAndWrittenBack()
    {
        var profile = ProfileParser.Parse(ProfileJson.With("rollout_gate", "{\"metric\": \"cpu\", \"max_increase\": 0.1, \"max_increase_percent\": 50}"));

        Assert.Equal(new RolloutGateCondition { Metric = "cpu", Statistic = "p95", MaxIncrease = 0.1, MaxIncreasePercent = 50 }, profile.RolloutGate);
        Assert.Equal(profile, ProfileParser.Parse(ProfileSerializer.Serialize(profile)));
        Assert.NotEqual(profile, profile with { RolloutGate = profile.RolloutGate! with { Statistic = "max" } });
        Assert.Null(ProfileParser.Parse(ProfileJson.Valid).RolloutGate);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \\n \"")]
    [InlineData("[]")]
    public void Parse_EmptyRules_MeanNoRules(string rules)
    {
        var profile = ProfileParser.Parse($$"""{"id":"m","name":"M","resource_weights":{"cpu":1,"ram":0,"network":0,"storage":0},"behavioral_rules":{{rules}}}""");

        Assert.Empty(profile.BehavioralRules);
    }

    [Fact]
    public void Parse_MinimalDocument_UsesDefaults()
    {
        var profile = ProfileParser.Parse("""{"id":"m","name":"M","resource_weights":{"cpu":1,"ram":0,"network":0,"storage":0}}""");

        Assert.Empty(profile.ApplicationPriorities);
        Assert.Empty(profile.BehavioralRules);
        Assert.Equal(NetworkPolicy.AllowAll, profile.NetworkPolicy);
        Assert.Equal(ProfileDocument.DefaultEvaluationInterval, profile.EvaluationInterval);
        Assert.Null(profile.AllowedPrograms);
        Assert.Null(profile.Observers);
    }

    [Fact]
    public void Parse_FiveMistakes_ReportsAllFiveInDocumentOrder()
    {
        const string json = """
            {
              "id": "Bad Id",
              "name": "Five mistakes",
              "resource_weights": { "cpu": 0.5, "ram": 0.5, "network": 0.5, "storage": 0 },
              "application_priorities": { "blender": "hihg" },
              "network_policy": { "default": "deny", "rules": [ { "direction": "egress", "protocol": "icmp", "ports": "80", "action": "allow" } ] },
              "evaluation_interval": "fast"
            }
            """;

        var ex = Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json));

        Assert.Equal(
            ["$.id", "$.resource_weights", "$.application_priorities.blender", "$.network_policy.rules[0].ports", "$.evaluation_interval"],
            ex.Errors.Select(e => e.Path));
        Assert.Equal("did you mean 'high'?", ex.Errors[2].Fix);
        Assert.Equal("scale them to add up to 1, e.g. cpu 0.3333, ram 0.3333, network 0.3333, storage 0", ex.Errors[1].Fix);
        Assert.Equal("use e.g. \"bad-id\"", ex.Errors[0].Fix);
    }

    [Fact]
    public void Parse_NearMissFieldName_SuggestsTheRealOneAndReportsItMissing()
    {
        var json = ProfileJson.With("resource_weights", null).Replace("\"id\"", "\"resource_weight\": {}, \"id\"", StringComparison.Ordinal);

        var ex = Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal(new ValidationError("$.resource_weight", "unknown field", "\"resource_weight\"", "did you mean 'resource_weights'?"), ex.Errors[0]);
        Assert.Equal(new ValidationError("$.resource_weights", "is required", null, "add \"resource_weights\""), ex.Errors[1]);
    }

    [Fact]
    public void Parse_UnknownFieldWithoutNearMiss_ListsTheKnownFields()
    {
        var json = ProfileJson.With("gpu_budget", "3");

        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.Equal("$.gpu_budget", error.Path);
        Assert.StartsWith("remove it; fields here are: id, name, description, resource_weights", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateApplication_IsReported()
    {
        var json = ProfileJson.Valid.Replace("\"blender\": \"high\",", "\"blender\": \"high\", \"blender\": \"low\",", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.Equal(new ValidationError("$.application_priorities.blender", "application appears more than once", "\"blender\"", "keep one entry per application"), error);
    }

    [Fact]
    public void Parse_DuplicateRuleNames_AreReported()
    {
        var json = ProfileJson.With("behavioral_rules", """[{"name":"a","source":"function on_tick(v) end"},{"name":"a","source":"function on_event(v,e) end"}]""");

        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.Equal("$.behavioral_rules[1].name", error.Path);
        Assert.Equal("another rule has the same name", error.Message);
    }

    [Fact]
    public void Parse_DuplicateTopLevelField_IsReported()
    {
        var json = ProfileJson.Valid.Replace("\"name\": \"Rendering\",", "\"name\": \"Rendering\", \"name\": \"Again\",", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.Equal(new ValidationError("$.name", "appears more than once", null, "keep one of the duplicates"), error);
    }

    [Fact]
    public void Parse_HostBitsSet_SuggestsTheNetwork()
    {
        var json = ProfileJson.With("network_policy.rules[0].cidr", "\"192.168.1.77/24\"");

        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.Equal("did you mean \"192.168.1.0/24\"?", error.Fix);
    }

    [Theory]
    [InlineData("{\"id\": \"x\",,}", "$: malformed JSON at line 1, column 12: ")]
    [InlineData("{\n  \"id\": \"x\"\n  \"name\": 1\n}", "$: malformed JSON at line 3, column 3: ")]
    [InlineData("", "$: malformed JSON at line 1, column 1: ")]
    public void Parse_MalformedJson_ReportsLineAndColumn(string json, string expectedStart)
    {
        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.StartsWith(expectedStart, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    public void Parse_RootNotAnObject_SaysSo(string json)
    {
        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.Equal("a profile must be a JSON object", error.Message);
    }

    [Fact]
    public void Parse_OversizeDocument_NamesTheLimit()
    {
        var json = ProfileJson.With("description", $"\"{new string('x', ProfileLimits.MaxDocumentBytes)}\"");

        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.Equal("$", error.Path);
        Assert.Contains("the limit is 262144 bytes (256 KiB)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooDeep_IsAValidationErrorNotACrash()
    {
        var json = ProfileJson.With("labels", new string('[', 40) + new string(']', 40));

        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(json)).Errors);

        Assert.StartsWith("malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"500ms\"", 500)]
    [InlineData("\"1.5s\"", 1500)]
    [InlineData("\"2m\"", 120_000)]
    [InlineData("\"1h\"", 3_600_000)]
    [InlineData("5", 5000)]
    [InlineData("0.25", 250)]
    public void Parse_EvaluationIntervalForms_AreAccepted(string raw, int expectedMs)
    {
        var profile = ProfileParser.Parse(ProfileJson.With("evaluation_interval", raw));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), profile.EvaluationInterval);
    }

    [Fact]
    public void Parse_PortsAsNumberAndRange_AreAccepted()
    {
        var single = ProfileParser.Parse(ProfileJson.With("network_policy.rules[0].ports", "8443"));
        var range = ProfileParser.Parse(ProfileJson.With("network_policy.rules[0].ports", "\"1000-2000\""));

        Assert.Equal(new PortRange(8443, 8443), single.NetworkPolicy.Rules[0].Ports);
        Assert.Equal(new PortRange(1000, 2000), range.NetworkPolicy.Rules[0].Ports);
    }

    [Fact]
    public void Parse_BareAddressAndIpv6_AreNormalisedToBlocks()
    {
        var v4 = ProfileParser.Parse(ProfileJson.With("network_policy.rules[0].cidr", "\"10.1.2.3\""));
        var v6 = ProfileParser.Parse(ProfileJson.With("network_policy.rules[0].cidr", "\"2001:DB8::/32\""));

        Assert.Equal("10.1.2.3/32", v4.NetworkPolicy.Rules[0].Cidr);
        Assert.Equal("2001:db8::/32", v6.NetworkPolicy.Rules[0].Cidr);
    }

    [Fact]
    public void Parse_SingleScriptString_BecomesRuleNamedMain()
    {
        var profile = ProfileParser.Parse(ProfileJson.With("behavioral_rules", "\"function on_event(vmi, e) end\""));

        Assert.Equal(new RuleScript("main", "function on_event(vmi, e) end"), Assert.Single(profile.BehavioralRules));
    }

    [Fact]
    public void Parse_NullOptionalFields_CountAsAbsent()
    {
        var profile = ProfileParser.Parse(ProfileJson.With("description", "null"));

        Assert.Null(profile.Description);
    }

    [Fact]
    public void Parse_CompilerErrors_AreReportedWithRuleNameAndLine()
    {
        var error = Assert.Single(Assert.Throws<ProfileValidationException>(() => ProfileParser.Parse(ProfileJson.Valid, new FailingCompiler())).Errors);

        Assert.Equal("$.behavioral_rules[0].source", error.Path);
        Assert.Equal("rule 'burst' line 3: 'end' expected near <eof>", error.Message);
    }

    [Fact]
    public void TryParse_InvalidDocument_ReturnsErrorsWithoutThrowing()
    {
        var profile = ProfileParser.TryParse("{}", out var errors);

        Assert.Null(profile);
        Assert.Equal(["$.id", "$.name", "$.resource_weights"], errors.Select(e => e.Path));
    }

    private sealed class FailingCompiler : Rules.IRuleCompiler
    {
        public IReadOnlyList<Rules.RuleCompileError> Check(RuleScript script) => [new(3, "'end' expected near <eof>")];
    }
}
