using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Rules.Actions;

namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// Counts a rollout's what-if. Rule: a VMI counts once for each effect it would have — switched to
/// another profile, weights changed (<c>set_weight</c>), network shaped (<c>shape_network</c>), a
/// program run (<c>run</c>), a rule error or a rule disabled — and as unaffected when it has none
/// (logs, emits, priorities and syscall faults alone leave it unaffected; they are in the action
/// counts). Unreadable VMIs count only as unreadable. Actions are summed by kind over every VMI.
/// </summary>
public static class WhatIfSummary
{
    /// <summary>The totals over <paramref name="vmis"/>.</summary>
    public static RolloutWhatIfTotals Totals(IReadOnlyCollection<RolloutWhatIfVmi> vmis)
    {
        ArgumentNullException.ThrowIfNull(vmis);
        var readable = vmis.Where(v => v.Unreadable is null).ToList();
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (kind, count) in readable.SelectMany(v => v.Actions))
        {
            actions[kind] = actions.GetValueOrDefault(kind) + count;
        }

        return new RolloutWhatIfTotals
        {
            Vmis = vmis.Count,
            SwitchProfile = readable.Count(SwitchesProfile),
            ChangeWeights = readable.Count(v => Has(v, ActionKinds.SetWeight)),
            Shaped = readable.Count(v => Has(v, ActionKinds.ShapeNetwork)),
            RunPrograms = readable.Count(v => Has(v, ActionKinds.Run)),
            RuleErrors = readable.Count(HasErrors),
            Unaffected = readable.Count(v => !Affected(v)),
            Unreadable = vmis.Count - readable.Count,
            Actions = actions,
        };
    }

    /// <summary>The VMIs to list: affected and unreadable ones first, then by host and name; at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<RolloutWhatIfVmi> Listed(IEnumerable<RolloutWhatIfVmi> vmis, int max) =>
        [.. vmis.OrderBy(v => v.Unreadable is null && !Affected(v)).ThenBy(v => v.Host, StringComparer.Ordinal)
            .ThenBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.VmiId, StringComparer.Ordinal).Take(max)];

    /// <summary>Whether the VMI would have any counted effect.</summary>
    public static bool Affected(RolloutWhatIfVmi vmi)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        return vmi.Unreadable is null && (SwitchesProfile(vmi) || HasErrors(vmi)
            || Has(vmi, ActionKinds.SetWeight) || Has(vmi, ActionKinds.ShapeNetwork) || Has(vmi, ActionKinds.Run));
    }

    private static bool SwitchesProfile(RolloutWhatIfVmi v) => v.SwitchesTo is not null;

    private static bool HasErrors(RolloutWhatIfVmi v) => v.Errors + v.DisabledRules > 0;

    private static bool Has(RolloutWhatIfVmi v, string kind) => v.Actions.GetValueOrDefault(kind) > 0;
}
