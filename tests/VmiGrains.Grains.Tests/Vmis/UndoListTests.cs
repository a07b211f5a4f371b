using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Tests.Vmis;

public sealed class UndoListTests
{
    private static UndoRecord Fault(string id, string? app) =>
        new(id, UndoKinds.SyscallFault, $"inject_syscall_fault(write=EIO, app={app})", null, null, null, "rule f of p v1 line 2 on tick")
        {
            Fault = new SyscallFault("write", "EIO", null),
            App = app,
        };

    private static UndoRecord Weight(string id, ResourceKind resource, double value) =>
        new(id, UndoKinds.WeightOverride, $"set_weight({resource}, {value})", null, resource, value, "rule w");

    [Fact]
    public void Add_SameFaultForTheSameAppAgain_Replaced_NotAppended()
    {
        var list = new List<UndoRecord>();

        for (var i = 0; i < 100; i++)
        {
            UndoList.Add(list, Fault($"f{i}", "app-under-test"));
        }

        Assert.Equal("f99", Assert.Single(list).Id);
    }

    [Fact]
    public void Add_FaultsForEverNewApps_AtMostTheBound_OldestPushedOutAndReturned()
    {
        var list = new List<UndoRecord>();
        var pushedOut = new List<UndoRecord>();

        for (var i = 0; i < 40; i++)
        {
            pushedOut.AddRange(UndoList.Add(list, Fault($"f{i}", $"app-{i}")));
        }

        Assert.Equal(VmiStateBudget.MaxSyscallFaults, list.Count);
        Assert.Equal(Enumerable.Range(40 - VmiStateBudget.MaxSyscallFaults, VmiStateBudget.MaxSyscallFaults).Select(i => $"f{i}"), list.Select(u => u.Id));
        Assert.Equal(Enumerable.Range(0, 40 - VmiStateBudget.MaxSyscallFaults).Select(i => $"f{i}"), pushedOut.Select(u => u.Id));
    }

    [Fact]
    public void Add_WeightsPerResource_OnePerResource_FaultsDoNotTouchThem()
    {
        var list = new List<UndoRecord>();

        UndoList.Add(list, Weight("w1", ResourceKind.Cpu, 0.5));
        UndoList.Add(list, Weight("w2", ResourceKind.Ram, 0.5));
        UndoList.Add(list, Weight("w3", ResourceKind.Cpu, 0.7));
        UndoList.Add(list, Fault("f1", null));
        UndoList.Add(list, Fault("f2", "a"));

        Assert.Equal(["w2", "w3", "f1", "f2"], list.Select(u => u.Id));
    }

    [Fact]
    public void Compact_StoredDuplicatesFromBeforeTheBound_NewestPerTargetKept()
    {
        var list = Enumerable.Range(0, 300).Select(i => Fault($"f{i}", $"app-{i % 5}")).ToList();

        UndoList.Compact(list);

        Assert.Equal(["f295", "f296", "f297", "f298", "f299"], list.Select(u => u.Id));
    }

    [Fact]
    public void Add_LongDescription_CutWithAMarker()
    {
        var list = new List<UndoRecord>();

        UndoList.Add(list, Fault("f", "a") with { Description = new string('d', 5000) });

        Assert.Equal(VmiStateBudget.MaxTextChars, list[0].Description.Length);
        Assert.Contains("[truncated: 5000 characters", list[0].Description, StringComparison.Ordinal);
    }
}
