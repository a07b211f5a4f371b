using Orleans.Configuration;
using VmiGrains.Silo.Clustering;

namespace VmiGrains.Silo.Tests.Clustering;

public sealed class MembershipClockTests
{
    private static readonly DateTimeOffset Redis = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly ClusterMembershipOptions Options = new() { IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5), NumMissedTableIAmAliveLimit = 2 };

    [Fact]
    public void Problem_WithinHalfTheIAmAliveMissPeriod_Nothing()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), MembershipClock.Tolerance(Options));
        Assert.Null(MembershipClock.Problem(Redis.AddSeconds(-5), Redis, Options));
        Assert.Null(MembershipClock.Problem(Redis.AddSeconds(4.9), Redis, Options));
    }

    [Fact]
    public void Problem_Behind_SaysBehindByHowMuchAndWhatToDo()
    {
        var problem = MembershipClock.Problem(Redis.AddMinutes(-10), Redis, Options);

        Assert.NotNull(problem);
        Assert.StartsWith("this silo's clock is 600.0 s behind the Redis membership server's", problem, StringComparison.Ordinal);
        Assert.Contains("more than 5 s", problem, StringComparison.Ordinal);
        Assert.Contains("Synchronize this machine's clock", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_Ahead_SaysAhead()
    {
        Assert.StartsWith("this silo's clock is 6.0 s ahead of", MembershipClock.Problem(Redis.AddSeconds(6), Redis, Options), StringComparison.Ordinal);
    }
}
