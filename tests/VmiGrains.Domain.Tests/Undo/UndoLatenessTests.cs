using VmiGrains.Domain.Undo;

namespace VmiGrains.Domain.Tests.Undo;

public sealed class UndoLatenessTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 12, 2, 10, 32, 1, TimeSpan.Zero);

    [Fact]
    public void Describe_WithinTolerance_Null()
    {
        Assert.Null(UndoLateness.Describe(Expiry, Expiry.AddSeconds(5), TimeSpan.FromSeconds(5), "cause"));
        Assert.Null(UndoLateness.Describe(Expiry, Expiry.AddSeconds(-1), TimeSpan.FromSeconds(5), "cause"));
    }

    [Fact]
    public void Describe_PastTolerance_SaysHowLateSinceWhenAndWhy()
    {
        var text = UndoLateness.Describe(Expiry, Expiry.AddSeconds(12.44), TimeSpan.FromSeconds(5), "host h1's silo was down");

        Assert.Equal("12.4 s after its expiry at 10:32:01 (UTC): host h1's silo was down", text);
    }
}
