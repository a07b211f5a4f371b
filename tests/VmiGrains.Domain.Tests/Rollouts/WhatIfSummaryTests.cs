using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Rollouts;

namespace VmiGrains.Domain.Tests.Rollouts;

public sealed class WhatIfSummaryTests
{
    private static RolloutWhatIfVmi Vmi(string name, string? switchTo = null, int errors = 0, string? unreadable = null, params (string Kind, int Count)[] actions) => new()
    {
        VmiId = $"id-{name}",
        Name = name,
        Host = "h",
        SwitchesTo = switchTo,
        Errors = errors,
        Unreadable = unreadable,
        Actions = actions.ToDictionary(a => a.Kind, a => a.Count, StringComparer.Ordinal),
    };

    private static readonly RolloutWhatIfVmi[] Fleet =
    [
        Vmi("a", switchTo: "locked-down", actions: [("switch_profile", 1), ("set_weight", 2)]),
        Vmi("b", actions: [("set_weight", 1), ("shape_network", 3)]),
        Vmi("c", errors: 2, actions: [("run", 1)]),
        Vmi("d", actions: [("emit", 5), ("log", 1)]),
        Vmi("e"),
        Vmi("f", unreadable: "unknown VMI", actions: [("set_weight", 9)]),
    ];

    [Fact]
    public void Totals_EachVmiOncePerEffect_LogsAndEmitsAloneAreUnaffected_UnreadableApart()
    {
        var t = WhatIfSummary.Totals(Fleet);

        Assert.Equal(6, t.Vmis);
        Assert.Equal(1, t.SwitchProfile);
        Assert.Equal(2, t.ChangeWeights);
        Assert.Equal(1, t.Shaped);
        Assert.Equal(1, t.RunPrograms);
        Assert.Equal(1, t.RuleErrors);
        Assert.Equal(2, t.Unaffected); // d (emit, log) and e
        Assert.Equal(1, t.Unreadable);
        Assert.Equal(3, t.Actions["set_weight"]); // f's are not counted: it was not replayed
        Assert.Equal(3, t.Actions["shape_network"]);
        Assert.Equal(5, t.Actions["emit"]);
    }

    [Fact]
    public void Totals_DisabledRuleCountsAsRuleError()
    {
        var t = WhatIfSummary.Totals([Vmi("a") with { DisabledRules = 1 }]);

        Assert.Equal(1, t.RuleErrors);
        Assert.Equal(0, t.Unaffected);
    }

    [Fact]
    public void Listed_AffectedAndUnreadableFirst_ThenByName_Bounded()
    {
        var listed = WhatIfSummary.Listed(Fleet.Reverse(), 5);

        Assert.Equal(["a", "b", "c", "f", "d"], listed.Select(v => v.Name));
        Assert.Empty(WhatIfSummary.Listed(Fleet, 0));
    }
}
