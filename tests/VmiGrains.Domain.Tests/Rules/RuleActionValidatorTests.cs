using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules.Actions;
using static VmiGrains.Domain.Tests.RuleActions.RawValues;

namespace VmiGrains.Domain.Tests.RuleActions;

public sealed class RuleActionValidatorTests
{
    [Fact]
    public void Validate_EveryActionWithGoodValues_ReturnsTypedAction()
    {
        Assert.Equal(new SwitchProfileAction("security-audit"), V("switch_profile", ("profile", S("security-audit"))).Action);
        Assert.Equal(new SetWeightAction(ResourceKind.Ram, 0.5, TimeSpan.FromMinutes(10)), V("set_weight", ("resource", S("ram")), ("value", N(0.5)), ("opts", T(("ttl", N(600))))).Action);
        Assert.Equal(new SetPriorityAction("blender", -10, "high"), V("set_priority", ("app", S("blender")), ("level", S("high"))).Action);
        Assert.Equal(new SetPriorityAction("blender", 7, null), V("set_priority", ("app", S("blender")), ("level", N(7))).Action);
        Assert.Equal(new ShapeNetworkAction(120, 40, 2.5, 2048, TimeSpan.FromSeconds(300)),
            V("shape_network", ("args", T(("delay_ms", N(120)), ("jitter_ms", N(40)), ("loss_pct", N(2.5)), ("rate_kbps", N(2048)), ("ttl", N(300))))).Action);
        Assert.Equal(new InjectSyscallFaultAction("write", "EIO", 0.1, TimeSpan.FromSeconds(60), null),
            V("inject_syscall_fault", ("args", T(("syscall", S("write")), ("errno", S("EIO")), ("probability", N(0.1)), ("ttl", N(60))))).Action);
        Assert.Equal("emit(audit_login, n=3, user=alice)", V("emit", ("name", S("audit_login")), ("fields", T(("user", S("alice")), ("n", N(3))))).Action!.Describe());
        Assert.Equal(new LogAction("hello"), V("log", ("message", S("hello"))).Action);
    }

    [Theory]
    [InlineData("teleport", "unknown action 'teleport'; use one of switch_profile, set_weight")]
    [InlineData(null, "not an action (no 'kind' field)")]
    public void Validate_UnknownKind_NamesTheKnownActions(string? kind, string expected)
    {
        var error = RuleActionValidator.Validate(new RawAction(kind, 1, new Dictionary<string, RawValue>())).Error;
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    public static TheoryData<string, (string, RawValue)[], string> Invalid => new()
    {
        { "switch_profile", [], "switch_profile: profile is required; pass a string" },
        { "switch_profile", [("profile", S("Bad Id"))], "switch_profile: profile is not allowed (got \"Bad Id\"); pass a profile id" },
        { "switch_profile", [("profile", N(3))], "switch_profile: profile must be a string (got 3)" },
        { "switch_profile", [("profile", S("a")), ("extra", N(1))], "switch_profile: extra is not a known field" },
        { "set_weight", [("resource", S("gpu")), ("value", N(0.5))], "set_weight: resource is not allowed (got \"gpu\"); use one of cpu, ram, network, storage" },
        { "set_weight", [("resource", S("cpu")), ("value", N(1.5))], "set_weight: value is out of range [0, 1] (got 1.5)" },
        { "set_weight", [("resource", S("cpu")), ("value", S("half"))], "set_weight: value must be a number (got \"half\")" },
        { "set_weight", [("resource", S("cpu")), ("value", N(0.5)), ("opts", T(("ttl", N(0))))], "set_weight: options.ttl is out of range (0, 86400] seconds" },
        { "set_weight", [("resource", S("cpu")), ("value", N(0.5)), ("opts", T(("forever", N(1))))], "set_weight: options.forever is not a known field" },
        { "set_weight", [("resource", S("cpu")), ("value", N(0.5)), ("opts", N(3))], "set_weight: opts must be a table (got 3)" },
        { "set_priority", [("app", S("x")), ("level", S("urgent"))], "set_priority: level is not a known level or nice value (got \"urgent\"); use one of idle, low" },
        { "set_priority", [("app", S("x")), ("level", N(-21))], "set_priority: level is not a known level or nice value (got -21)" },
        { "set_priority", [("app", S("x")), ("level", N(2.5))], "set_priority: level is not a known level or nice value (got 2.5)" },
        { "set_priority", [("level", S("high"))], "set_priority: app is required" },
        { "shape_network", [("args", T())], "shape_network: args set nothing (got {}); set at least one of delay_ms" },
        { "shape_network", [("args", T(("loss_pct", N(101))))], "shape_network: loss_pct is out of range [0, 100] %" },
        { "shape_network", [("args", T(("delay_ms", N(-1))))], "shape_network: delay_ms is out of range [0, 60000] ms" },
        { "shape_network", [("args", T(("rate_kbps", N(0))))], "shape_network: rate_kbps is out of range [1, 100000000] kbit/s" },
        { "shape_network", [("args", T(("delay_ms", N(10)), ("bandwidth", N(1))))], "shape_network: bandwidth is not a known field" },
        { "shape_network", [], "shape_network: args is required" },
        { "inject_syscall_fault", [("args", T(("syscall", S("write")), ("errno", S("EIO"))))], "inject_syscall_fault: ttl is required" },
        { "inject_syscall_fault", [("args", T(("syscall", S("write")), ("errno", S("EWHAT")), ("ttl", N(5))))], "inject_syscall_fault: errno is not allowed (got \"EWHAT\"); use one of EACCES" },
        { "inject_syscall_fault", [("args", T(("syscall", S("rm -rf")), ("errno", S("EIO")), ("ttl", N(5))))], "inject_syscall_fault: syscall is not allowed (got \"rm -rf\")" },
        { "inject_syscall_fault", [("args", T(("syscall", S("write")), ("errno", S("EIO")), ("ttl", N(7200))))], "inject_syscall_fault: ttl is out of range (0, 3600] seconds" },
        { "inject_syscall_fault", [("args", T(("syscall", S("write")), ("errno", S("EIO")), ("ttl", N(5)), ("probability", N(0))))], "inject_syscall_fault: probability is out of range (0, 1]" },
        { "emit", [("name", S("Bad Name"))], "emit: name is not allowed (got \"Bad Name\")" },
        { "emit", [("name", S("ok")), ("fields", T(("nested", T(("x", N(1))))))], "emit: fields.nested must be a string" },
        { "emit", [("name", S("ok")), ("fields", T([.. Enumerable.Range(0, 17).Select(i => ($"f{i}", N(i)))]))], "emit: fields has more than 16 entries (got 17)" },
        { "log", [("message", N(42))], "log: message must be a string (got 42); pass a string, e.g. log('cpu high')" },
        { "log", [("message", S(new string('x', 2000)))], "log: message must be 1..1024 characters long (got 2000 characters)" },
        { "log", [("message", new RawValue { Unsupported = "a string of 3 bytes that is not valid UTF-8" })], "log: message must be a string (got a string of 3 bytes that is not valid UTF-8)" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidField_ExplainsFieldValueAndFix(string kind, (string, RawValue)[] fields, string expected)
    {
        var result = V(kind, fields);

        Assert.Null(result.Action);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }
}
