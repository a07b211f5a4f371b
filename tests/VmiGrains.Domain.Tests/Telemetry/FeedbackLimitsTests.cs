using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Telemetry;

public sealed class FeedbackLimitsTests
{
    private const string Section = "VmiGrains:Vmi";

    private static readonly FeedbackLimits Limits = new(MaxSamplesPerBatch: 100, MaxEventsPerBatch: 20, MaxEventEvaluationsPerTurn: 5, MaxQueuedEvents: 30);

    [Fact]
    public void Check_TooManyEvents_NamesFieldCountLimitAndFix()
    {
        var error = Limits.Check(0, 21, null, "$.", Section);

        Assert.Equal("$.events: has 21 events; the limit per request is 20 (got 21); send at most 20 events per request (split the batch), or raise VmiGrains:Vmi:MaxEventsPerBatch", error!.ToString());
    }

    [Fact]
    public void Check_TooManySamples_NamesSamples()
    {
        Assert.Equal("samples", Limits.Check(101, 0, 0, string.Empty, Section)!.Path);
    }

    [Theory]
    [InlineData(0, 20, true)]   // 15 wait
    [InlineData(15, 20, true)]  // 30 wait: exactly the limit
    [InlineData(16, 20, false)] // 31 would wait
    [InlineData(40, 1, false)] // 36 would wait
    public void Check_Queue_RefusesOnlyWhatWouldOverflow(int queued, int events, bool accepted)
    {
        var error = Limits.Check(0, events, queued, string.Empty, Section);

        Assert.Equal(accepted, error is null);
        if (!accepted)
        {
            Assert.Contains("MaxQueuedEvents", error!.Fix, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_NoRules_NothingWaitsSoOnlyBatchLimitsApply()
    {
        Assert.Null(Limits.Check(100, 20, null, string.Empty, Section));
    }

    [Theory]
    [InlineData(0, 3, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(0, 8, 3)]
    [InlineData(10, 2, 7)]
    public void Waiting_AfterOneTurn_IsWhatTheBudgetLeaves(int queued, int events, int waiting)
    {
        Assert.Equal(waiting, Limits.Waiting(queued, events));
    }
}
