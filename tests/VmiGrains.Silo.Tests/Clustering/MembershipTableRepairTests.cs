using VmiGrains.Silo.Clustering;

namespace VmiGrains.Silo.Tests.Clustering;

public sealed class MembershipTableRepairTests
{
    private static readonly MembershipTableCopy Known = Copy(12, ["a", "b", "old-c"], live: ["a", "b"]);

    [Fact]
    public void Plan_NoCopyYet_Nothing()
    {
        Assert.Null(MembershipTableRepair.Plan(null, MembershipTableCopy.Missing));
    }

    [Fact]
    public void Plan_TableAsKnownOrNewer_Nothing()
    {
        Assert.Null(MembershipTableRepair.Plan(Known, Copy(12, ["a", "b", "old-c"])));
        Assert.Null(MembershipTableRepair.Plan(Known, Copy(14, ["a", "b", "old-c", "d"])));
    }

    [Fact]
    public void Plan_DeadRowCleanedUp_Nothing()
    {
        // Orleans' cleanup removes rows of long-dead silos: not a loss.
        Assert.Null(MembershipTableRepair.Plan(Known, Copy(13, ["a", "b"])));
    }

    [Fact]
    public void Plan_TableMissing_EveryRowBackAtTheNextVersion()
    {
        var plan = MembershipTableRepair.Plan(Known, MembershipTableCopy.Missing);

        Assert.NotNull(plan);
        Assert.Equal(MembershipRepairReason.TableMissing, plan.Reason);
        Assert.Null(plan.ExpectedVersion);
        Assert.Equal(12 + MembershipTableRepair.VersionJump, plan.NewVersion);
        Assert.Equal(["a", "b", "old-c"], plan.RowsToAdd.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("row of a", plan.RowsToAdd["a"]);
    }

    [Fact]
    public void Plan_ReCreatedEmptyByAStartingSilo_KnownRowsAddedItsRowKept_VersionAboveBoth()
    {
        var plan = MembershipTableRepair.Plan(Known, Copy(2, ["c2"]));

        Assert.NotNull(plan);
        Assert.Equal(MembershipRepairReason.RowsLost, plan.Reason);
        Assert.Equal(2, plan.ExpectedVersion);
        Assert.Equal(12 + MembershipTableRepair.VersionJump, plan.NewVersion);
        Assert.Equal(["a", "b", "old-c"], plan.RowsToAdd.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_ReCreatedTableGrewPastTheCopy_VersionAboveTheTable()
    {
        var plan = MembershipTableRepair.Plan(Known, Copy(40, ["b", "c2"]));

        Assert.NotNull(plan);
        Assert.Equal(MembershipRepairReason.RowsLost, plan.Reason);
        Assert.Equal(40 + MembershipTableRepair.VersionJump, plan.NewVersion);
        Assert.Equal(["a", "old-c"], plan.RowsToAdd.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_VersionWentBackWithEveryRow_VersionRaised()
    {
        var plan = MembershipTableRepair.Plan(Known, Copy(5, ["a", "b", "old-c"]));

        Assert.NotNull(plan);
        Assert.Equal(MembershipRepairReason.VersionWentBack, plan.Reason);
        Assert.Equal(12 + MembershipTableRepair.VersionJump, plan.NewVersion);
        Assert.Empty(plan.RowsToAdd);
    }

    [Fact]
    public void Plan_ViewAcceptedByGossipAboveTheCopy_VersionAboveTheAcceptedOne()
    {
        // Versions 13 and 14 reached this silo by gossip after its last read; the table was then lost
        // and re-created by a starting silo (version 2).
        var plan = MembershipTableRepair.Plan(Known, Copy(2, ["c2"]), acceptedVersion: 14);

        Assert.NotNull(plan);
        Assert.Equal(14 + MembershipTableRepair.VersionJump, plan.NewVersion);
    }

    [Fact]
    public void Plan_TableBelowTheAcceptedVersion_VersionWentBack()
    {
        var plan = MembershipTableRepair.Plan(Known, Copy(13, ["a", "b", "old-c"]), acceptedVersion: 15);

        Assert.NotNull(plan);
        Assert.Equal(MembershipRepairReason.VersionWentBack, plan.Reason);
    }

    private static MembershipTableCopy Copy(int version, string[] rows, string[]? live = null) =>
        new(version, rows.ToDictionary(r => r, r => $"row of {r}", StringComparer.Ordinal), new HashSet<string>(live ?? [], StringComparer.Ordinal));
}
