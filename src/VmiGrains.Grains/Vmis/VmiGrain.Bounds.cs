namespace VmiGrains.Grains.Vmis;

/// <summary>
/// State stored before the byte bounds (or by a version with other bounds) is brought within them when the
/// VMI activates, so its next write fits the store; and disabled rules are keyed by profile and version.
/// </summary>
internal sealed partial class VmiGrain
{
    private void EnforceBounds()
    {
        var s = state.State;
        var (decisions, undo, executions) = (s.Decisions.Count, s.Undo.Count, s.Executions.Count);
        DecisionLog.Trim(s.Decisions);
        UndoList.Compact(s.Undo); // only repeated syscall faults can be dropped: they have no effect outside this state
        foreach (var record in s.Executions)
        {
            record.View = ExecutionList.Stored(record.View);
        }

        ExecutionList.Trim(s.Executions);
        if ((decisions, undo, executions) != (s.Decisions.Count, s.Undo.Count, s.Executions.Count))
        {
            LogStateTrimmed(Id, $"decisions {decisions}→{s.Decisions.Count}, undo records {undo}→{s.Undo.Count}, executions {executions}→{s.Executions.Count}");
        }

        // Disabled rules of another profile or version are stale; the old name-only records are the attached version's.
        if (s.DisabledRules.Count > 0 && s.ProfileId is { } profile && s.ProfileVersion is { } version)
        {
            s.RulesDisabled.AddRange(s.DisabledRules.Select(d => new DisabledRule(profile, version, d.Key, VmiStateBudget.Truncate(d.Value)!, time.GetUtcNow())));
        }

        s.DisabledRules.Clear();
        s.RulesDisabled.RemoveAll(d => !d.IsFor(s.ProfileId, s.ProfileVersion));
    }

    /// <summary>The disabled rules of the attached profile version.</summary>
    private IEnumerable<DisabledRule> CurrentlyDisabled() =>
        state.State.RulesDisabled.Where(d => d.IsFor(state.State.ProfileId, state.State.ProfileVersion));
}
