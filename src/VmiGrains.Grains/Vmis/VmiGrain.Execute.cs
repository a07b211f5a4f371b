using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Guests;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// The trigger: run a program in the guest through the host's agent, under a profile (applied first,
/// or only for the run when scoped), at the priority the profile gives the app.
/// </summary>
internal sealed partial class VmiGrain
{
    /// <summary>How long past its timeout (or one hour without one) a scoped profile is kept at most.</summary>
    private static readonly TimeSpan ScopedGrace = TimeSpan.FromSeconds(30);

    private IGuestExecutorGrain Agent => GrainFactory.GetGrain<IGuestExecutorGrain>(Registration.Host);

    public async Task<ExecutionView> ExecuteAsync(ExecuteRequest request)
    {
        _ = Registration;
        EnsureDefined();
        ArgumentNullException.ThrowIfNull(request);
        var profile = request.ProfileId is { } pid ? (await GrainFactory.GetGrain<Abstractions.Grains.IProfileGrain>(pid).GetAsync()).Document : _profile;
        var app = request.App ?? System.IO.Path.GetFileName(request.Path);
        var nice = profile?.ApplicationPriorities.FirstOrDefault(p => p.App == app)?.Nice;
        var execRequest = new ExecRequest(request.Path, request.Args)
        {
            Environment = request.Environment,
            CaptureOutput = request.CaptureOutput,
            Nice = nice,
            Timeout = request.Timeout,
        };
        var invalid = ExecRequestValidator.Validate(execRequest, GuestOsFamily.Unknown);
        if (invalid.Count > 0)
        {
            throw new InvalidRequestException(invalid);
        }

        CheckAllowed(request, profile);
        var executionId = NewUndoId();
        if (request.ProfileId is { } target && target != state.State.ProfileId)
        {
            var scoped = request.Scoped
                ? new UndoRecord(NewUndoId(), UndoKinds.ScopedProfile, $"profile {target} for run {executionId} of {request.Path}",
                    time.GetUtcNow() + (request.Timeout ?? TimeSpan.FromHours(1)) + ScopedGrace, null, null, "exec --scoped")
                {
                    PreviousProfileId = state.State.ProfileId,
                    PreviousProfileVersion = state.State.ProfileVersion,
                    ExecutionId = executionId,
                }
                : null;
            await SwitchProfileAsync(target, null, $"exec {request.Path}{(request.Scoped ? " (scoped)" : string.Empty)}", scoped);
        }

        execRequest = WithFaultInjection(execRequest, app);
        var started = await Agent.StartAsync(Id, execRequest);
        if (!started.IsSuccess)
        {
            Record("exec", $"could not start {request.Path}: {started.Error}", "trigger request");
            await UndoScopedAsync(executionId, "the program did not start");
            await WriteAsync();
            return started.Error.ArgumentErrors.Count > 0
                ? throw new InvalidRequestException(started.Error.ArgumentErrors)
                : new ExecutionView { ExecutionId = executionId, State = "failed", Error = started.Error.ToString(), ProfileId = state.State.ProfileId, StartedAt = time.GetUtcNow() };
        }

        var view = new ExecutionView
        {
            ExecutionId = executionId, Pid = started.Value.Pid, State = "running", Nice = nice, Program = request.Path,
            ProfileId = state.State.ProfileId, StartedAt = started.Value.StartedAt,
        };
        ExecutionList.Add(state.State.Executions, new ExecutionRecord { Handle = started.Value, View = view });

        Record("exec", $"started {request.Path} as pid {view.Pid}{(nice is { } n ? $" at nice {n}" : string.Empty)}", "trigger request", null, view.ProfileId);
        await WriteAsync();
        return view;
    }

    public async Task<ExecutionView> GetExecutionAsync(string executionId)
    {
        _ = Registration;
        var record = state.State.Executions.FirstOrDefault(e => e.View.ExecutionId == executionId)
            ?? throw new InvalidRequestException(new ValidationError("execution", "unknown execution", $"\"{executionId}\"", "use the id 'vmi exec' printed; the last 50 runs (at most 128 KiB of them) are kept"));
        return await RefreshAsync(record);
    }

    public Task<IReadOnlyList<ExecutionView>> ListExecutionsAsync()
    {
        _ = Registration;
        return Task.FromResult<IReadOnlyList<ExecutionView>>([.. state.State.Executions.Select(e => e.View)]);
    }

    private async Task<ExecutionView> RefreshAsync(ExecutionRecord record)
    {
        if (record.View.State != "running")
        {
            return record.View;
        }

        var status = await Agent.StatusAsync(Id, record.Handle);
        if (status.IsSuccess && status.Value.State == ExecState.Running)
        {
            return record.View;
        }

        var finished = status.IsSuccess
            ? record.View with
            {
                State = "exited", ExitCode = status.Value.ExitCode, Signal = status.Value.Signal, Stdout = status.Value.StdOut,
                Stderr = status.Value.StdErr, Truncated = status.Value.StdOutTruncated || status.Value.StdErrTruncated, TimedOut = status.Value.TimedOut,
            }
            : record.View.Rule is not null ? RuleRunOutcome(record, status.Error)
            : record.View with { State = "failed", Error = status.Error.ToString() };
        if (finished is null)
        {
            return record.View; // a rule's run the agent cannot answer for yet: asked again on the next poll
        }

        record.View = ExecutionList.Stored(finished); // this answer carries the whole output, storage its first KiBs
        var outcome = $"pid {finished.Pid} {finished.State}{(finished.ExitCode is { } code ? $" with exit code {code}" : string.Empty)}{(finished.TimedOut ? " (timed out)" : string.Empty)}";
        if (finished.Rule is { } rule)
        {
            Record("run", $"rule {rule}'s run {finished.ExecutionId} of {finished.Program}: {outcome}{(finished.Error is { } e ? $": {e}" : string.Empty)}; run_finished queued", $"rule {rule}'s run(...)");
        }
        else
        {
            Record("exec", outcome, "trigger request");
        }

        await UndoScopedAsync(finished.ExecutionId, "the scoped run ended");
        ExecutionList.Trim(state.State.Executions);
        await WriteAsync();
        if (finished.Rule is not null)
        {
            QueueRunFinished(finished); // written first: after a crash the run is not reported twice
        }

        return finished;
    }

    /// <summary>Polls running scoped programs on the rule tick, so a scoped profile ends with its program.</summary>
    private async Task RefreshScopedRunsAsync()
    {
        foreach (var undo in state.State.Undo.Where(u => u.Kind == UndoKinds.ScopedProfile).ToList())
        {
            if (state.State.Executions.FirstOrDefault(e => e.View.ExecutionId == undo.ExecutionId) is { } record)
            {
                await RefreshAsync(record);
            }
        }
    }

    private Task UndoScopedAsync(string executionId, string reason)
    {
        var scoped = state.State.Undo.Where(u => u.Kind == UndoKinds.ScopedProfile && u.ExecutionId == executionId).ToList();
        return scoped.Count == 0 ? Task.CompletedTask : UndoAsync(scoped, reason);
    }

    /// <summary>
    /// Runs the program under <c>strace -e inject=…</c> while a rule's <c>inject_syscall_fault</c> is in
    /// force for it (the guest needs strace; see docs/network.md).
    /// </summary>
    private ExecRequest WithFaultInjection(ExecRequest request, string app)
    {
        var active = state.State.Undo.LastOrDefault(u => u.Kind == UndoKinds.SyscallFault && u.Fault is not null && (u.App is null || u.App == app));
        if (active?.Fault is not { } fault)
        {
            return request;
        }

        var wrapped = Domain.Network.StraceCommandBuilder.Build(fault, request.Path, request.Args);
        Record("syscall-fault", $"{request.Path} runs under strace: {fault.Syscall} fails with {fault.Errno}{(fault.When is null ? string.Empty : $" (when={fault.When})")}", active.Reason);
        return request with { Path = wrapped.Path, Args = wrapped.Args };
    }

    private static void CheckAllowed(ExecuteRequest request, ProfileDocument? profile)
    {
        if (profile?.AllowedPrograms is not { } allowed)
        {
            return;
        }

        if (!AllowedPrograms.Allows(allowed, request.Path))
        {
            throw new InvalidRequestException(new ValidationError("program", $"profile '{profile.Id}' does not allow this program",
                System.Text.Json.JsonSerializer.Serialize(request.Path), $"allowed: {string.Join(", ", allowed)}; add it to allowed_programs or use another profile"));
        }
    }

    /// <summary>Re-prioritises applications already running in the guest (see <see cref="PriorityChanges"/>); one decision sums it up.</summary>
    private async Task ApplyPrioritiesAsync(IReadOnlyList<ApplicationPriority> priorities, string reason)
    {
        if (priorities.Count == 0)
        {
            return;
        }

        var done = new List<string>();
        string? problem = null;
        foreach (var priority in priorities)
        {
            var result = await Agent.ReprioritiseAsync(Id, priority.App, priority.Nice);
            if (result.IsSuccess)
            {
                done.Add($"{priority.App}={priority.Nice} ({result.Value.Pids.Count} process(es))");
            }
            else
            {
                problem ??= result.Error.ToString();
                if (result.Error.Kind is GuestAgentErrorKind.NotConnected or GuestAgentErrorKind.Timeout)
                {
                    break; // the agent is not there; asking for the other apps would only wait again
                }
            }
        }

        Record("priority", problem is null ? $"application priorities applied: {string.Join(", ", done)}"
            : $"application priorities: {done.Count} of {priorities.Count} applied; {problem}", reason);
    }
}
