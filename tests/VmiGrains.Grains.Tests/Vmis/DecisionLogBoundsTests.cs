using VmiGrains.Abstractions.Model;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Tests.Vmis;

/// <summary>The decision log's byte bound and text truncation (the count bound and coalescing: <see cref="DecisionLogTests"/>).</summary>
public sealed class DecisionLogBoundsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static Decision Emit(int i, int chars) => new(T0.AddSeconds(i), "emit", $"emit(big{i}, f={new string('x', chars)})", "rule big of p v1 line 3 on tick", null, null, "rule big");

    [Fact]
    public void Add_DecisionsOfTheLargestAllowedSize_LogStaysWithinItsByteBudget_NewestKept()
    {
        var log = new List<Decision>();

        for (var i = 0; i < 1000; i++)
        {
            DecisionLog.Add(log, Emit(i, 16 * 1024));
        }

        Assert.InRange(log.Sum(DecisionLog.SizeOf), 1, VmiStateBudget.DecisionBytes);
        Assert.True(log.Count < DecisionLog.Capacity, $"{log.Count} decisions: the byte bound, not the count, must have applied");
        Assert.StartsWith("emit(big999,", log[^1].What, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1000 - log.Count, log.Count), log.Select(d => int.Parse(d.What[8..d.What.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Add_TextOverTheLimit_CutWithAMarkerSayingHowLongItWas()
    {
        var log = new List<Decision>();

        DecisionLog.Add(log, Emit(0, 20_000));

        var what = Assert.Single(log).What;
        Assert.Equal(VmiStateBudget.MaxDecisionTextChars, what.Length);
        Assert.EndsWith($"… [truncated: {20_000 + "emit(big0, f=)".Length} characters, {VmiStateBudget.MaxDecisionTextChars} kept]", what, StringComparison.Ordinal);
        Assert.StartsWith("emit(big0, f=xxx", what, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SmallDecisions_CountBoundStillApplies()
    {
        var log = new List<Decision>();

        for (var i = 0; i < 500; i++)
        {
            DecisionLog.Add(log, Emit(i, 10));
        }

        Assert.Equal(DecisionLog.Capacity, log.Count);
    }

    [Fact]
    public void Trim_StoredLogOverTheBudget_OldestDropped()
    {
        var log = Enumerable.Range(0, 200).Select(i => Emit(i, 16 * 1024)).ToList(); // as stored before the byte bound: 3.2 MB

        DecisionLog.Trim(log);

        Assert.InRange(log.Sum(DecisionLog.SizeOf), 1, VmiStateBudget.DecisionBytes);
        Assert.StartsWith("emit(big199,", log[^1].What, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_SurrogatePairAtTheCut_NotSplit()
    {
        var text = new string('a', 100) + string.Concat(Enumerable.Repeat("😀", 100));

        var cut = VmiStateBudget.Truncate(text, 140)!;

        var kept = cut[..cut.IndexOf("… [truncated", StringComparison.Ordinal)];
        Assert.True(cut.Length <= 140);
        Assert.False(char.IsHighSurrogate(kept[^1]), "the cut split a surrogate pair");
    }
}
