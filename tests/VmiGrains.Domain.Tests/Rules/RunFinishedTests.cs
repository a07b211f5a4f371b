using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.RuleActions;

public sealed class RunFinishedTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToEvent_ExitedRun_CarriesEveryField()
    {
        var view = new ExecutionView { ExecutionId = "abc", State = "exited", ExitCode = 3, Program = "/bin/sh", Rule = "main", Stdout = "hi\n", StartedAt = Start, TimedOut = false };

        var e = RunFinished.ToEvent(view, Start.AddSeconds(1.5));

        Assert.Equal("run_finished", e.Name);
        Assert.Equal(EventSources.Run, e.Source);
        Assert.False(e.Fields.ContainsKey("source"));
        Assert.Equal(FieldValue.Of("main"), e.Fields["rule"]);
        Assert.Equal(FieldValue.Of("/bin/sh"), e.Fields["program"]);
        Assert.Equal(FieldValue.Of("abc"), e.Fields["execution_id"]);
        Assert.Equal(FieldValue.Of("exited"), e.Fields["state"]);
        Assert.Equal(FieldValue.Of(3), e.Fields["exit_code"]);
        Assert.Equal(FieldValue.Of(false), e.Fields["timed_out"]);
        Assert.Equal(FieldValue.Of(1.5), e.Fields["duration_s"]);
        Assert.Equal(FieldValue.Of("hi\n"), e.Fields["stdout"]);
        Assert.False(e.Fields.ContainsKey("error"));
    }

    [Fact]
    public void ToEvent_LostRun_HasStateAndErrorButNoExitCode()
    {
        var view = new ExecutionView { ExecutionId = "x", State = "lost", Error = "qemu-ga restarted", StartedAt = Start, Rule = "main" };

        var e = RunFinished.ToEvent(view, Start);

        Assert.Equal(FieldValue.Of("lost"), e.Fields["state"]);
        Assert.Equal(FieldValue.Of("qemu-ga restarted"), e.Fields["error"]);
        Assert.False(e.Fields.ContainsKey("exit_code"));
    }

    [Fact]
    public void Summary_LongOutput_CutAt512BytesWithoutSplittingACharacter()
    {
        var text = new string('a', 511) + "é" + "tail";

        var cut = RunFinished.Summary(text);

        Assert.Equal(new string('a', 511), cut);
        Assert.Equal(512, System.Text.Encoding.UTF8.GetByteCount(RunFinished.Summary(new string('b', 600))));
    }

    [Theory]
    [InlineData("/bin/nc", "/bin/nc")]
    [InlineData("nc", "/bin/nc")]
    [InlineData("/usr/bin/nc", null)]
    [InlineData("sh", null)]
    [InlineData("echo", null)]
    [InlineData("/tmp/echo", null)]
    public void AllowedPrograms_Resolve_OnlyListedPrograms(string program, string? expected) =>
        Assert.Equal(expected, AllowedPrograms.Resolve(["/bin/nc", "echo"], program));
}
