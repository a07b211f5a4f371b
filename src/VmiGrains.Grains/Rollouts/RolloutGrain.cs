using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Rollouts;
using VmiGrains.Grains.Security;

namespace VmiGrains.Grains.Rollouts;

/// <summary>
/// A durable rollout: plans with <see cref="RolloutPlan"/>, moves one wave per step (hosts in parallel),
/// soaks, gates with <see cref="RolloutGate"/>, and pauses or rolls back. A grain timer drives the steps
/// while the grain is active; a reminder re-activates it on another silo when its silo dies.
/// </summary>
internal sealed partial class RolloutGrain(
    [PersistentState("rollout", StorageNames.Profiles)] IPersistentState<RolloutState> state,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutGrain> logger) : Grain, IRolloutGrain, IRemindable
{
    private const string ReminderName = "rollout";
    private const int MaxDecisions = 500;
    private IGrainTimer? _timer;

    private string Id => this.GetPrimaryKeyString();

    private RolloutState S => state.State;

    private bool Active => S.Request is not null && S.Status is RolloutStatus.Running or RolloutStatus.RollingBack;

    /// <summary>
    /// An activation of a running rollout is a resumption: its silo died or shut down mid-rollout, or the silo holding
    /// its grain-directory entry died (Orleans then deactivates it); the reminder or the next call brought it back here.
    /// It says so in its decisions and goes on with the step that was in flight.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Active)
        {
            var step = S.Status == RolloutStatus.RollingBack || S.Current >= S.Waves.Count ? Words(S.Status) : $"{S.Waves[S.Current].Name} {Words(S.Progress[S.Current].Status)}";
            Record(RolloutDecisionKinds.Resume, $"rollout re-activated on silo {GrainContext.Address.SiloAddress?.Endpoint} while {step}",
                "its previous activation ended (its silo, or the silo holding its directory entry, died or shut down; or it migrated); continuing from its stored progress",
                actor: CallerContext.Cluster);
            await state.WriteStateAsync(cancellationToken);
            LogResumed(Id, step);
            StartTicking();
        }
    }

    public async Task<RolloutView> StartAsync(RolloutRequest request)
    {
        var canary = RolloutInputs.Validate(request);
        if (S.Request is not null)
        {
            return Same(S.Request, request) ? View() : throw new InvalidRequestException(new ValidationError("id", "a different rollout already has this id", Id, "start it under a new id, or GET it"));
        }

        var targetVersion = await RolloutInputs.TargetAsync(GrainFactory, request);
        var target = targetVersion.Version;
        var selection = await RolloutInputs.SelectAsync(GrainFactory, request, target);
        var holder = await Registry.ClaimAsync(request.ProfileId, Id);
        if (holder != Id)
        {
            throw new InvalidRequestException(new ValidationError("profile", RolloutRunning.Message(holder), request.ProfileId,
                $"wait for it ('vmi rollout status {holder}'), or stop it with 'vmi rollout abort {holder}'"));
        }

        var moving = selection.Moving;
        S.Request = request;
        S.ToVersion = target;
        S.Waves = [.. RolloutPlan.Create(selection.Targets, canary, request.BatchPercent, request.Growth)];
        S.Progress = [.. S.Waves.Select(_ => new WaveProgress())];
        S.Previous = moving.Where(v => v.ProfileVersion is not null).ToDictionary(v => v.VmiId, v => v.ProfileVersion!.Value, StringComparer.Ordinal);
        S.FromVersions = [.. selection.FromVersions];
        S.MetricGate = targetVersion.Document.RolloutGate;
        S.StartedBy = CallerContext.Current ?? CallerContext.Cluster;
        S.StartedAt = time.GetUtcNow();
        S.Status = RolloutStatus.Running;
        Record(RolloutDecisionKinds.Start, $"rollout of {request.ProfileId} to v{target}: {moving.Count} of {selection.Selected.Count} VMI(s) to move in {S.Waves.Count} wave(s)",
            $"canary {canary}, first wave {request.BatchPercent} %, growth ×{request.Growth}, soak {DurationText(Soak)}{(request.AutoRollback ? ", auto rollback" : string.Empty)}"
            + (S.MetricGate is { } gate ? $", metric gate {gate.Metric} {gate.Statistic}" : string.Empty)
            + (request.Selector is { Length: > 0 } selector ? $", selector {selector}" : string.Empty), string.Join(", ", S.FromVersions), $"v{target}");
        if (S.Waves.Count == 0)
        {
            await FinishAsync(RolloutStatus.Completed, $"every selected VMI is on v{target} already");
            return View();
        }

        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTicking();
        LogStarted(Id, request.ProfileId, target, moving.Count, S.Waves.Count);
        return View();
    }

    public Task<RolloutView> GetAsync() => S.Request is null
        ? throw new InvalidRequestException(new ValidationError("id", "unknown rollout", Id, "see 'vmi rollout list'"))
        : Task.FromResult(View());

    public async Task<RolloutView> PauseAsync()
    {
        _ = await GetAsync();
        if (S.Status == RolloutStatus.Running)
        {
            await SetStatusAsync(RolloutStatus.Paused, $"paused by {Caller}");
        }

        return View();
    }

    public async Task<RolloutView> ResumeAsync()
    {
        _ = await GetAsync();
        if (S.Status != RolloutStatus.Paused)
        {
            return View();
        }

        var wave = S.Progress[S.Current];
        var plan = S.Waves[S.Current];
        var behind = plan.Count - wave.Switched.Values.Sum();
        if (wave.Status == WaveStatus.Failed && behind > 0)
        {
            // Some VMIs of the wave did not switch (their host or silo was down): switch those now, then soak and gate
            // the wave again. Those that switched are asked again and change nothing; their metric baselines are kept.
            wave.Status = WaveStatus.Pending;
            wave.AppliedAt = null;
            wave.SoakUntil = null;
            Record(RolloutDecisionKinds.Operator, $"{plan.Name}: {behind} of {plan.Count} VMI(s) had not switched; switching them again, then soaking and gating the wave again", $"resumed by {Caller}");
        }
        else if (wave.Status == WaveStatus.Failed)
        {
            // Every VMI of the wave switched: the operator read the gate's evidence and decided to go on.
            wave.Status = WaveStatus.Passed;
            Record(RolloutDecisionKinds.Operator, $"{plan.Name} accepted despite its failed gate", $"resumed by {Caller}");
            S.Current++;
        }

        if (S.Current >= S.Waves.Count)
        {
            await FinishAsync(RolloutStatus.Completed, $"every wave passed (resumed by {Caller})");
            return View();
        }

        await SetStatusAsync(RolloutStatus.Running, $"resumed by {Caller}");
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTicking();
        return View();
    }

    public async Task<RolloutView> AbortAsync()
    {
        var view = await GetAsync();
        if (!view.Finished)
        {
            Record(RolloutDecisionKinds.Operator, "rollout aborted; VMIs stay on the version they are on", $"aborted by {Caller}");
            await FinishAsync(RolloutStatus.Aborted, $"aborted by {Caller}");
        }

        return View();
    }

    public async Task<RolloutView> RollbackAsync()
    {
        _ = await GetAsync();
        if (S.Status is RolloutStatus.RollingBack or RolloutStatus.RolledBack)
        {
            return View();
        }

        var holder = await Registry.ClaimAsync(S.Request!.ProfileId, Id);
        if (holder != Id)
        {
            throw new InvalidRequestException(new ValidationError("id", RolloutRunning.Message(holder), Id,
                $"abort or finish {holder} first ('vmi rollout abort {holder}'): rolling this one back now would fight it"));
        }

        Record(RolloutDecisionKinds.Operator, "rollback requested", $"by {Caller}");
        S.FinishedAt = null;
        await SetStatusAsync(RolloutStatus.RollingBack, $"rollback requested by {Caller}");
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTicking();
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Active)
        {
            StartTicking(); // Activation started it already; this keeps a long-lived activation ticking too.
            return;
        }

        await StopAsync();
    }

    private static bool Same(RolloutRequest a, RolloutRequest b) =>
        a with { Hosts = [] } == b with { Hosts = [] } && a.Hosts.SequenceEqual(b.Hosts, StringComparer.Ordinal);

    /// <summary>How long each wave of this rollout soaks: its request's, else the silo's.</summary>
    private TimeSpan Soak => S.Request?.Soak ?? options.Value.SoakPeriod;

    private static string DurationText(TimeSpan soak) => Domain.Profiles.DurationFormat.Format(soak);

    /// <summary>A status as words: <c>RolledBack</c> → <c>rolled back</c>.</summary>
    private static string Words(Enum status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()).Replace('_', ' ');

    private static string Caller => CallerContext.Current ?? CallerContext.Cluster;

    private IRolloutRegistryGrain Registry => GrainFactory.GetGrain<IRolloutRegistryGrain>(GrainKeys.Default);

    private void StartTicking()
    {
        var every = options.Value.TickInterval;
        _timer ??= this.RegisterGrainTimer(static (self, ct) => self.StepAndRearmAsync(), this,
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = every, Interleave = false, KeepAlive = true });
    }

    private async Task StopAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task SetStatusAsync(RolloutStatus status, string reason)
    {
        S.Status = status;
        S.StatusReason = reason;
        await state.WriteStateAsync();
        LogStatus(Id, status, reason);
    }

    private async Task FinishAsync(RolloutStatus status, string reason)
    {
        S.FinishedAt = time.GetUtcNow();
        Record(RolloutDecisionKinds.Finish, $"rollout {Words(status)}", reason);
        await SetStatusAsync(status, reason);
        await Registry.ReleaseAsync(S.Request!.ProfileId, Id);
        await StopAsync();
    }

    private void Record(string kind, string what, string reason, string? before = null, string? after = null, string? actor = null)
    {
        S.Decisions.Add(new Decision(time.GetUtcNow(), kind, what, reason, before, after, actor ?? Caller));
        if (S.Decisions.Count > MaxDecisions)
        {
            S.Decisions.RemoveRange(0, S.Decisions.Count - MaxDecisions);
        }
    }
}
