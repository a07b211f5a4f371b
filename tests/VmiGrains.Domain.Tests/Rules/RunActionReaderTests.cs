using VmiGrains.Domain.Rules.Actions;
using static VmiGrains.Domain.Tests.RuleActions.RawValues;

namespace VmiGrains.Domain.Tests.RuleActions;

public sealed class RunActionReaderTests
{
    private static RawValue List(IEnumerable<string> items) => T([.. items.Select((s, i) => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), S(s)))]);

    private static ActionValidation V(params (string Key, RawValue Value)[] fields) => RawValues.V("run", fields);

    [Fact]
    public void Validate_GoodRun_ReturnsRunActionWithDefaults()
    {
        var bare = Assert.IsType<RunAction>(V(("program", S("nc"))).Action);
        var full = Assert.IsType<RunAction>(V(("program", S("/usr/bin/nc")), ("args", List(["-z", "10.0.0.1", "22"])), ("opts", T(("app", S("drill")), ("timeout", N(5))))).Action);

        Assert.Equal(("nc", 0, null, TimeSpan.FromSeconds(30)), (bare.Program, bare.Args.Count, bare.App, bare.Timeout));
        Assert.Equal(["-z", "10.0.0.1", "22"], full.Args);
        Assert.Equal(("drill", TimeSpan.FromSeconds(5)), (full.App, full.Timeout));
        Assert.Equal("nc", bare.AppName);
        Assert.Equal("run(/usr/bin/nc -z 10.0.0.1 22, timeout=5s, app=drill)", full.Describe());
    }

    public static TheoryData<(string, RawValue)[], string> Invalid => new()
    {
        { [], "run: program is required; pass a string" },
        { [("program", N(3))], "run: program must be a string (got 3)" },
        { [("program", S("../bin/sh"))], "run: program is not allowed (got \"../bin/sh\"); pass an absolute guest path such as '/usr/bin/nc' or a bare name" },
        { [("program", S("/bin/../tmp/sh"))], "run: program is not allowed (got \"/bin/../tmp/sh\")" },
        { [("program", S("/bin/sh;reboot"))], "run: program is not allowed (got \"/bin/sh;reboot\")" },
        { [("program", S("nc")), ("args", S("-z"))], "run: args must be a list of strings (got \"-z\"); pass a list such as {'-z', '10.0.0.1', '22'}" },
        { [("program", S("nc")), ("args", List(Enumerable.Repeat("x", 17)))], "run: args has more than 16 entries (got 17); pass at most 16 arguments" },
        { [("program", S("nc")), ("args", T(("1", S("a")), ("x", S("b"))))], "run: args must be a list of strings (got key \"x\")" },
        { [("program", S("nc")), ("args", T(("1", N(22))))], "run: args[1] must be a string of at most 256 characters (got 22); pass strings only (write numbers as strings, e.g. '22')" },
        { [("program", S("nc")), ("args", List([new string('a', 257)]))], "run: args[1] must be a string of at most 256 characters" },
        { [("program", S("nc")), ("opts", T(("timeout", N(0))))], "run: options.timeout is out of range (0, 300] seconds (got 0); pass a number in (0, 300] seconds" },
        { [("program", S("nc")), ("opts", T(("timeout", N(301))))], "run: options.timeout is out of range (0, 300] seconds (got 301)" },
        { [("program", S("nc")), ("opts", T(("timeout", S("5s"))))], "run: options.timeout must be a number (got \"5s\")" },
        { [("program", S("nc")), ("opts", T(("user", S("root"))))], "run: options.user is not a known field; use only app, timeout" },
        { [("program", S("nc")), ("env", S("x"))], "run: env is not a known field; use only program, args, opts" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadRun_NamesFieldValueAndFix((string, RawValue)[] fields, string expected)
    {
        var result = V(fields);

        Assert.Null(result.Action);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
