using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class NftReconcilerTests
{
    [Fact]
    public void Plan_DeadVmiAndMovedTap_RemovesDeadChainsAndStaleElementOnly()
    {
        var live = NftNames.IngressChain("alive");
        var dead = NftNames.IngressChain("dead");
        var state = NftScriptCompilerTests.StateWith(new() { ["vnet0"] = live, ["vnet1"] = dead, ["vnet2"] = live }, []);

        var plan = NftReconciler.Plan([new VmiInterfaces("alive", ["vnet0"])], state);

        Assert.Equal(["vmi_dead_in", "vmi_dead_out"], plan.RemovedChains);
        Assert.Equal(["to_vmi:vnet2"], plan.RemovedElements);
        Assert.Equal("""
            delete element inet vmigrains to_vmi { "vnet1" }
            delete chain inet vmigrains vmi_dead_in
            delete chain inet vmigrains vmi_dead_out
            delete element inet vmigrains to_vmi { "vnet2" }

            """, plan.Script);
    }

    [Fact]
    public void Plan_NoVmiAlive_DeletesTheTable()
    {
        var state = NftScriptCompilerTests.StateWith(new() { ["vnet1"] = NftNames.IngressChain("dead") }, []);

        var plan = NftReconciler.Plan([], state);

        Assert.Equal("delete table inet vmigrains\n", plan.Script);
    }

    [Fact]
    public void Plan_EverythingAlive_DoesNothing()
    {
        var state = NftScriptCompilerTests.StateWith(new() { ["vnet0"] = NftNames.IngressChain("alive") }, []);

        var plan = NftReconciler.Plan([new VmiInterfaces("alive", ["vnet0"])], state);

        Assert.Null(plan.Script);
        Assert.Empty(plan.RemovedChains);
    }
}
