using System.Globalization;
using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Rules.Actions;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// A rule's <c>run(...)</c>: checked against the profile's <c>allowed_programs</c> and the run budget
/// (<see cref="RuleRunBudget"/>), started through the trigger path (the app's nice, syscall faults),
/// kept in the persisted executions, and polled only while one runs. Its end becomes a
/// <c>run_finished</c> event on the VMI's own event queue, so rules react to it like to a pushed event.
/// </summary>
internal sealed partial class VmiGrain
{
    /// <summary>How long past its timeout a rule's run may stay unanswered (agent down) before it is declared lost.</summary>
    private static readonly TimeSpan RunLostAfter = TimeSpan.FromSeconds(60);

    private IGrainTimer? _runPoll;

    /// <summary>Starts one rule run; a refusal is a decision, never a rule error. Returns true (state changed).</summary>
    private async Task<bool> StartRuleRunAsync(RunAction run, string rule, string reason, int startedThisEvaluation)
    {
        var what = $"rule {rule}: {run.Describe()}";
        if (Refusal(run, startedThisEvaluation, out var path) is { } refused)
        {
            Record("run-refused", $"{what} refused: {refused}", reason);
            LogRunRefused(Id, rule, refused);
            return true;
        }

        var nice = _profile?.ApplicationPriorities.FirstOrDefault(p => p.App == run.AppName)?.Nice;
        var request = WithFaultInjection(new ExecRequest(path!, run.Args) { CaptureOutput = true, Nice = nice, Timeout = run.Timeout }, run.AppName);
        var invalid = ExecRequestValidator.Validate(request, GuestOsFamily.Unknown);
        if (invalid.Count > 0)
        {
            Record("run-refused", $"{what} refused: {string.Join("; ", invalid)}", reason);
            return true;
        }

        var started = await Agent.StartAsync(Id, request);
        var view = new ExecutionView
        {
            ExecutionId = NewUndoId(), Program = path, Rule = rule, Nice = nice, ProfileId = state.State.ProfileId,
            State = started.IsSuccess ? "running" : "failed", Pid = started.IsSuccess ? started.Value.Pid : 0,
            StartedAt = started.IsSuccess ? started.Value.StartedAt : time.GetUtcNow(), Error = started.IsSuccess ? null : started.Error.ToString(),
        };
        if (!started.IsSuccess)
        {
            Record("run", $"{what} could not start: {started.Error}", reason);
            await WriteAsync();
            QueueRunFinished(view);
            return true;
        }

        ExecutionList.Add(state.State.Executions, new ExecutionRecord { Handle = started.Value, View = view });
        Record("run", string.Create(CultureInfo.InvariantCulture,
            $"rule {rule} ran {path}{string.Concat(run.Args.Select(a => " " + a))} as pid {view.Pid}{(nice is { } n ? $" at nice {n}" : string.Empty)}, execution {view.ExecutionId}, timeout {run.Timeout.TotalSeconds} s"),
            reason, null, view.ExecutionId);
        EnsureRunPolling();
        return true;
    }

    /// <summary>Why <paramref name="run"/> may not start, or null; <paramref name="path"/> is the guest path it starts.</summary>
    private string? Refusal(RunAction run, int startedThisEvaluation, out string? path)
    {
        path = null;
        if (_profile?.AllowedPrograms is not { } allowed)
        {
            return $"profile '{state.State.ProfileId}' has no allowed_programs, and a rule may start only programs listed there; add \"{run.Program}\" (an absolute path) to allowed_programs";
        }

        path = AllowedPrograms.Resolve(allowed, run.Program);
        if (path is null)
        {
            return $"profile '{_profile.Id}' does not allow \"{run.Program}\" (allowed: {string.Join(", ", allowed)}); add its absolute path to allowed_programs";
        }

        var runs = state.State.Executions.Where(e => e.View.Rule is not null).ToList();
        return RuleRunBudget.Check(vmiOptions.Value.ToRuleRunLimits(), startedThisEvaluation, runs.Select(e => e.View.StartedAt),
            runs.Count(e => e.View.State == "running"), time.GetUtcNow(), VmiOptions.SectionName);
    }

    /// <summary>Polls while a rule run is in flight (also after re-activation: the runs are persisted); stops with the last one.</summary>
    private void EnsureRunPolling()
    {
        if (_runPoll is null && RunningRuleRuns().Any())
        {
            var every = vmiOptions.Value.RuleRunPollInterval;
            _runPoll = this.RegisterGrainTimer(static (self, ct) => self.PollRuleRunsAsync(), this,
                new GrainTimerCreationOptions { DueTime = every, Period = every, Interleave = false, KeepAlive = true });
        }
    }

    private async Task PollRuleRunsAsync()
    {
        foreach (var record in RunningRuleRuns().ToList())
        {
            await RefreshAsync(record);
        }

        if (!RunningRuleRuns().Any())
        {
            _runPoll?.Dispose();
            _runPoll = null;
        }
    }

    private IEnumerable<ExecutionRecord> RunningRuleRuns() => state.State.Executions.Where(e => e.View.Rule is not null && e.View.State == "running");

    /// <summary>
    /// A rule run the agent cannot answer for now (not connected, timed out) stays running until
    /// <see cref="RunLostAfter"/> past its timeout; one the agent has forgotten is lost at once.
    /// </summary>
    private ExecutionView? RuleRunOutcome(ExecutionRecord record, GuestAgentError error)
    {
        if (error.Kind == GuestAgentErrorKind.ProcessNotFound)
        {
            return record.View with { State = "lost", Error = error.ToString() };
        }

        var deadline = record.View.StartedAt + (record.Handle.Timeout ?? TimeSpan.Zero) + RunLostAfter;
        return time.GetUtcNow() < deadline ? null : record.View with
        {
            State = "lost",
            Error = string.Create(CultureInfo.InvariantCulture, $"no answer from the guest agent {RunLostAfter.TotalSeconds:0} s past the run's timeout: {error}"),
        };
    }

    private void QueueRunFinished(ExecutionView finished)
    {
        _pendingEvents.Enqueue(RunFinished.ToEvent(finished, time.GetUtcNow()));
        ScheduleDrain();
    }
}
