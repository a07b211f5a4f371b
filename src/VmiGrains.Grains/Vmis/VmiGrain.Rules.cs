using System.Globalization;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Grains.Security;
using VmiGrains.Grains.Ticks;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// The rule tick: every <c>evaluation_interval</c> it undoes expired changes, runs <c>on_tick</c>,
/// applies the actions the rules returned (validated by the engine; applied here, as data), and
/// tells the host when demand moved. It runs when a host sample arrives and is due (see
/// <see cref="TickSchedule"/>), or when the silo's <see cref="TickScheduler"/> calls
/// <see cref="TickDueAsync"/> because samples did not come.
/// </summary>
internal sealed partial class VmiGrain
{
    private void StartTicking(TimeSpan interval)
    {
        StopTicking();
        _clock = new TickClock(interval, ClockNow, TickSchedule.FirstTimer(Id, interval));
        _ticket = ticks.Add(Id, interval, _clock.NextTimer);
    }

    private void StopTicking()
    {
        if (_clock is not null)
        {
            ticks.Remove(Id, _ticket);
        }

        _clock = null;
    }

    /// <summary>The silo's monotonic time, shared by the grain's <see cref="TickClock"/> and the scheduler's wheel.</summary>
    private TimeSpan ClockNow => ticks.Now;

    /// <summary>A host sample arrived: the tick runs now if it is due, so the rules see it at once.</summary>
    private async Task OnHostSampleAsync()
    {
        if (_clock?.OnSample(ClockNow) == true)
        {
            VmiGrainsMetrics.TicksOnSample.Add(1);
            await TickAsync();
        }
    }

    /// <summary>
    /// The scheduler's turn. One for another registration (an earlier profile, a previous activation) is
    /// ignored; the clock drops one that was already sent when a sample's tick re-phased the timer, and
    /// moves one that comes too soon after a late tick (the scheduler is told the new time).
    /// </summary>
    public Task TickDueAsync(long ticket, TimeSpan due, TimeSpan nextDue)
    {
        if (_clock is null || ticket != _ticket)
        {
            return Task.CompletedTask;
        }

        switch (_clock.OnDue(due, nextDue, ClockNow))
        {
            case TimerTurn.Tick:
                return TickAsync();
            case TimerTurn.Moved:
                ticks.Reschedule(Id, _ticket, _clock.NextTimer);
                return Task.CompletedTask;
            default:
                return Task.CompletedTask;
        }
    }

    private async Task TickAsync()
    {
        if (_stateDiscarded || _clock is null)
        {
            return; // deactivating after a failed write; the next activation ticks from stored state
        }

        var (drift, rephased) = _clock.Ticked(ClockNow);
        VmiGrainsMetrics.TickDrift.Record(drift.TotalSeconds);
        if (rephased)
        {
            // Samples flow: the timer only stands in for one that does not come (and shifts a timer tick onto the samples' phase).
            ticks.Reschedule(Id, _ticket, _clock.NextTimer);
        }

        await UndoExpiredAsync("expired", "the VMI's rule timer ran late (its silo was busy)");
        if (state.State.Undo.Any(u => u.Kind == UndoKinds.ScopedProfile))
        {
            await RefreshScopedRunsAsync();
        }

        if (state.State.Gone is not null)
        {
            return; // no domain to act on: rules and demand wait until it is defined again
        }

        if (Session.Tick(time.GetUtcNow()) is { } outcome)
        {
            await ApplyRuleResultAsync(outcome, "tick");
        }

        if (_profile is not null && DemandChanged(Demand()))
        {
            await ClaimAsync(force: false, "demand changed");
        }
    }

    public async Task<IReadOnlyList<string>> EnableRulesAsync(string? rule = null)
    {
        _ = Registration;
        var disabled = CurrentlyDisabled().Select(d => d.Rule).ToList();
        if (rule is not null && !disabled.Contains(rule, StringComparer.Ordinal))
        {
            throw new InvalidRequestException(new ValidationError("rule", "is not disabled on this VMI", Quote(rule),
                disabled.Count == 0
                    ? "no rule is disabled here; 'vmi vm show' lists disabled rules as DISABLED"
                    : $"disabled here: {string.Join(", ", disabled.Order(StringComparer.Ordinal))}; or give no name to enable them all"));
        }

        List<string> names = rule is null ? disabled : [rule];
        if (names.Count == 0)
        {
            return names;
        }

        EnableRules(names, "operator request");
        await WriteAsync();
        return names;
    }

    private async Task ApplyRuleResultAsync(RuleOutcome outcome, string trigger)
    {
        var result = outcome.Result;
        if (outcome.PauseChanged)
        {
            // The operator switch writes nothing by itself; the decision (kept with the next write) says when rules stopped and resumed.
            Record(result.PausedBy is null ? "rules-resumed" : "rules-paused", result.PausedBy is null ? "rule evaluation resumed" : $"rule evaluation paused by {result.PausedBy}", $"operator switch, seen on {trigger}");
            LogRulesPaused(Id, result.PausedBy ?? "nothing (resumed)");
        }

        if (result.PausedBy is not null)
        {
            return;
        }

        var dirty = false;
        _ruleValuesDirty |= outcome.ValuesChanged;
        foreach (var error in result.Errors)
        {
            _actor = CallerContext.Rule(error.Rule);
            Record("rule-error", error.ToString(), $"{Source(error.Rule)} on {trigger}");
            LogRuleError(Id, error.ToString());
            dirty = true;
        }

        foreach (var disabled in result.NewlyDisabled)
        {
            var key = new DisabledRule(state.State.ProfileId!, state.State.ProfileVersion!.Value, disabled.Rule,
                VmiStateBudget.Truncate(disabled.LastError.ToString())!, time.GetUtcNow());
            state.State.RulesDisabled.RemoveAll(d => d.IsFor(key.ProfileId, key.ProfileVersion) && d.Rule == key.Rule);
            state.State.RulesDisabled.Add(key);
            _actor = CallerContext.Rule(disabled.Rule);
            Record("rule-disabled", $"rule {key} disabled after {disabled.Failures} failures in a row", Source(disabled.Rule), null, key.LastError);
            LogRuleDisabled(Id, disabled.Rule, disabled.Failures);
            dirty = true;
        }

        _actor = null;
        var runs = 0;
        foreach (var decision in outcome.Actions)
        {
            var reason = decision.Line is { } line ? $"{Source(decision.Rule)} line {line} on {trigger}" : $"{Source(decision.Rule)} on {trigger}";
            _actor = CallerContext.Rule(decision.Rule);
            try
            {
                dirty |= decision.Action is RunAction run
                    ? await StartRuleRunAsync(run, decision.Rule, reason, runs++)
                    : await ApplyActionAsync(decision.Action, reason);
            }
            finally
            {
                _actor = null;
            }

            VmiGrainsMetrics.RecordAction(decision.Action.Kind);
        }

        if (dirty)
        {
            await WriteAsync();
        }
    }

    /// <summary>Applies one action; returns true when state changed and must be written.</summary>
    private async Task<bool> ApplyActionAsync(VmiAction action, string reason)
    {
        switch (action)
        {
            case SwitchProfileAction s when s.ProfileId == state.State.ProfileId:
                return false;
            case SwitchProfileAction s:
                try
                {
                    await SwitchProfileAsync(s.ProfileId, null, reason);
                }
                catch (InvalidRequestException ex)
                {
                    Record("rule-error", $"switch_profile({s.ProfileId}) refused: {ex.Message}", reason);
                }

                return true;
            case SetWeightAction w:
                await AddUndoAsync(new UndoRecord(NewUndoId(), UndoKinds.WeightOverride, w.Describe(), Expiry(w.Ttl), w.Resource, w.Value, reason));
                await ClaimAsync(force: true, reason);
                return true;
            case ShapeNetworkAction n:
                // The undo record is durable before the qdisc exists, so a crash can never strand it.
                var undo = new UndoRecord(NewUndoId(), UndoKinds.Shaping, n.Describe(), Expiry(n.Ttl), null, null, reason);
                await AddUndoAsync(undo);
                var spec = new Domain.Network.ShapingSpec(n.DelayMs, n.JitterMs, n.LossPct, n.RateKbps is { } r ? (long)Math.Round(r) : null);
                await TryHostAsync(async _ =>
                {
                    var shaped = await Network.ShapeAsync(Id, spec);
                    NoteShaping(undo, shaped, $"shaping applied {shaped.Where}: {n.Describe()}", reason);
                });
                return true;
            case InjectSyscallFaultAction f:
                // strace's when=N+N fails every Nth call: the nearest it has to a probability.
                var every = f.Probability >= 1 ? (int?)null : Math.Max(1, (int)Math.Round(1 / f.Probability));
                var fault = new Domain.Network.SyscallFault(f.Syscall, f.Errno, every is { } nth ? $"{nth}+{nth}" : null);
                await AddUndoAsync(new UndoRecord(NewUndoId(), UndoKinds.SyscallFault, f.Describe(), Expiry(f.Ttl), null, null, reason) { Fault = fault, App = f.App });
                return true;
            case SetPriorityAction p:
                var result = await Agent.ReprioritiseAsync(Id, p.App, p.Nice);
                Record("priority", result.IsSuccess ? $"{p.Describe()}: {result.Value.Pids.Count} process(es) reniced" : $"{p.Describe()} not applied: {result.Error}", reason);
                return true;
            case EmitAction e:
                Record("emit", e.Describe(), reason);
                return true;
            case LogAction l:
                LogRuleMessage(Id, reason, l.Message);
                Record("log", l.Message, reason);
                return true;
            default:
                Record("rule-error", $"action {action.Kind} is not supported by this version", reason);
                return true;
        }
    }

    private string Source(string rule) => string.Create(CultureInfo.InvariantCulture, $"rule {rule} of {state.State.ProfileId} v{state.State.ProfileVersion}");

    private DateTimeOffset? Expiry(TimeSpan? ttl) => ttl is { } t ? time.GetUtcNow() + t : null;

    private static string NewUndoId() => Guid.NewGuid().ToString("N")[..12];
}
