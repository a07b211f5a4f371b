using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Guests;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Tests.Vmis;

public sealed class ExecutionListTests
{
    private static ExecutionRecord Run(int i, int outputChars) => new()
    {
        Handle = new ExecHandle(i, DateTimeOffset.UnixEpoch, null, new GuestCommand("/bin/true", []), GuestOsFamily.Linux),
        View = new ExecutionView { ExecutionId = $"e{i}", State = "exited", Stdout = new string('o', outputChars), Stderr = new string('e', outputChars) },
    };

    [Fact]
    public void Add_RunsWithMegabytesOfOutput_StoredOutputCutAndListWithinItsBytes()
    {
        var list = new List<ExecutionRecord>();

        for (var i = 0; i < 100; i++)
        {
            ExecutionList.Add(list, Run(i, 1024 * 1024));
        }

        Assert.All(list, r => Assert.True(r.View.Stdout.Length <= VmiStateBudget.MaxStoredOutputChars && r.View.Truncated));
        Assert.InRange(list.Count, 1, ExecutionList.Capacity);
        Assert.True(list.Sum(r => (r.View.Stdout.Length + r.View.Stderr.Length) * 1L) <= VmiStateBudget.ExecutionBytes);
        Assert.Equal("e99", list[^1].View.ExecutionId);
    }

    [Fact]
    public void Add_SmallRuns_CountBound()
    {
        var list = new List<ExecutionRecord>();

        for (var i = 0; i < 80; i++)
        {
            ExecutionList.Add(list, Run(i, 10));
        }

        Assert.Equal(ExecutionList.Capacity, list.Count);
        Assert.False(list[0].View.Truncated);
    }
}
