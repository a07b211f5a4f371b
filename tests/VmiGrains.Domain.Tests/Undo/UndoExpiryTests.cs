using VmiGrains.Domain.Undo;

namespace VmiGrains.Domain.Tests.Undo;

public sealed class UndoExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, DateTimeOffset? ExpiresAt)[] Pending =
    [
        ("later", Now.AddSeconds(30)),
        ("forever", null),
        ("past", Now.AddSeconds(-5)),
        ("now", Now),
        ("soon", Now.AddSeconds(2)),
    ];

    [Fact]
    public void Due_MixedExpiries_ThoseAtOrBeforeNowInTheirOrder()
    {
        var due = UndoExpiry.Due(Pending, p => p.ExpiresAt, Now);

        Assert.Equal(["past", "now"], due.Select(d => d.Id));
    }

    [Fact]
    public void Due_WithoutExpiry_NeverDue()
    {
        Assert.Empty(UndoExpiry.Due(Pending.Where(p => p.ExpiresAt is null), p => p.ExpiresAt, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Next_MixedExpiries_TheEarliest()
    {
        Assert.Equal(Now.AddSeconds(-5), UndoExpiry.Next(Pending, p => p.ExpiresAt));
    }

    [Fact]
    public void Next_NoneExpires_Null()
    {
        Assert.Null(UndoExpiry.Next(Pending.Where(p => p.ExpiresAt is null), p => p.ExpiresAt));
        Assert.Null(UndoExpiry.Next(Array.Empty<(string, DateTimeOffset?)>(), p => p.Item2));
    }
}
