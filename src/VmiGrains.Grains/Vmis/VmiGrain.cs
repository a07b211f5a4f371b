using Orleans.Placement;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;
using VmiGrains.Grains.Fleet;
using VmiGrains.Grains.Security;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// One VMI. Thin over the domain: telemetry windows, the rule engine, and the host's allocator do
/// the work; this grain keeps the state, records every decision, and fans out to its host.
/// Partial files: Profile (attach/switch/detach), Feedback (samples and events), Rules (evaluation
/// and actions), Undo (temporary changes), Log.
/// Placed on the silo of its first caller — normally its host's silo, whose HypervisorGrain
/// registers it at discovery — so the host↔VMI traffic (claims, statistics) stays in-process.
/// When that silo dies the grain re-activates wherever it is next called.
/// </summary>
[PreferLocalPlacement]
internal sealed partial class VmiGrain(
    [PersistentState("vmi", StorageNames.Vmis)] IPersistentState<VmiState> state,
    IRuleEngine rules,
    Placement.HostPresence hosts,
    Microsoft.Extensions.Options.IOptions<VmiOptions> vmiOptions,
    Ticks.TickScheduler ticks,
    TimeProvider time,
    ILogger<VmiGrain> logger) : Grain, IVmiGrain, IVmiClusterGrain
{
    private RuleSession? _session;
    private ProfileDocument? _profile;
    private TickClock? _clock;

    /// <summary>This activation's registration with the silo's tick scheduler, while <see cref="_clock"/> is set.</summary>
    private long _ticket;
    private ResourceVector? _lastDemand;
    private bool _hostAvailable = true;
    private bool _windowsDirty;
    private bool _allocationDirty;
    private bool _ruleValuesDirty;

    /// <summary>Whether this activation's last report to the VMI index succeeded (the fleet lists VMIs from the index).</summary>
    private bool _indexed;

    /// <summary>Who acts while a rule's or the host's decisions are recorded; otherwise the call's caller.</summary>
    private string? _actor;

    private string Id => this.GetPrimaryKeyString();

    /// <summary>The rule loop (windows, the event stream of <c>vmi vm events</c>, rule state), shared with the dry-run.</summary>
    private RuleSession Session => _session ??= new RuleSession(rules, Id);

    private VmiRegistration Registration => state.State.Registration
        ?? throw new InvalidRequestException(new ValidationError("vmi", "unknown VMI", Quote(Id),
            "use a VMI name or UUID from 'vmi vm list'; VMIs appear when their host's silo discovers them"));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        EnforceBounds();
        Session.State = VmiRuleState.Empty with
        {
            Disabled = CurrentlyDisabled().ToDictionary(d => d.Rule, d => d.LastError, StringComparer.Ordinal),
            Values = state.State.RuleValues.ToDictionary(v => v.Key, v => v.Value.ToValue(), StringComparer.Ordinal),
        };
        if (state.State.Windows is { } checkpoint && !Session.Windows.Import(checkpoint))
        {
            LogCheckpointIgnored(Id);
        }

        if (vmiOptions.Value.WindowCheckpointInterval is var every && every > TimeSpan.Zero)
        {
            this.RegisterGrainTimer(static (self, ct) => self.CheckpointAsync(), this,
                new GrainTimerCreationOptions { DueTime = every, Period = every, Interleave = false, KeepAlive = false });
        }

        if (state.State.ProfileId is { } profileId && state.State.ProfileVersion is { } version)
        {
            try
            {
                var stored = await GrainFactory.GetGrain<IProfileGrain>(profileId).GetAsync(version);
                UseProfile(stored.Document, stored.Version);
            }
            catch (InvalidRequestException ex)
            {
                LogProfileMissing(Id, profileId, version, ex.Message);
            }
        }

        // After a crash or a move to another silo, anything that expired meanwhile is undone now.
        await UndoExpiredAsync("re-activation", "the VMI's grain was not active at its expiry (deactivated, or its silo was down)");
        EnsureRunPolling(); // a rule's run in flight when the silo stopped still yields its run_finished

    }

    public Task<VmiView> GetAsync()
    {
        var registration = Registration;
        var summary = Session.Windows.Summarize(time.GetUtcNow()).Default;
        return Task.FromResult(new VmiView
        {
            VmiId = Id,
            Name = registration.Name,
            Host = registration.Host,
            ProfileId = state.State.ProfileId,
            ProfileVersion = state.State.ProfileVersion,
            EffectiveWeights = EffectiveWeights(),
            Allocation = state.State.Allocation,
            Metrics = [.. Enum.GetValues<MetricKind>().Select(m => ToSummary(m, summary[m]))],
            UndoRecords = [.. state.State.Undo.Select(u => new UndoRecordView(u.Id, u.Kind, u.Description, u.ExpiresAt))],
            DisabledRules = [.. CurrentlyDisabled().Select(d => $"{d}: {d.LastError}")],
            HostAvailable = _hostAvailable && state.State.Gone is null && hosts.IsManaged(registration.Host),
            RulesPausedBy = Session.PausedBy,
            Gone = state.State.Gone is { } gone ? $"undefined from host {gone.Host} at {gone.At:yyyy-MM-dd HH:mm:ss}Z; the profile is kept and applied again when the domain returns" : null,
            IdentityConflict = state.State.ConflictingRegistration is { } other ? $"UUID also defined on host {other.Host} as '{other.Name}'; the VMI stays with host {registration.Host}, which has it" : null,
            Labels = registration.Labels,
        });
    }

    public Task<IReadOnlyList<VmiEvent>> GetEventsAsync(long? after = null)
    {
        _ = Registration;
        return Task.FromResult<IReadOnlyList<VmiEvent>>([.. Session.Events.Since(after ?? 0).Select(p => new VmiEvent(p.Sequence, p.Event.Timestamp, p.Event.Name, p.Event.Source,
            p.Event.Fields.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)))]);
    }

    public Task<IReadOnlyList<Decision>> GetDecisionsAsync(DateTimeOffset? since = null)
    {
        _ = Registration;
        return Task.FromResult<IReadOnlyList<Decision>>([.. state.State.Decisions.Where(d => since is null || d.Time >= since)]);
    }

    /// <summary>
    /// The host moved this VMI while re-planning for others. Written at once, or — with
    /// <see cref="VmiOptions.DeferHostNotices"/> — with the next checkpoint or at deactivation, so that
    /// one re-plan of a host of N VMIs does not cost N storage writes (the host's state holds the allocation).
    /// </summary>
    public async Task AllocationChangedAsync(Allocation allocation, string reason)
    {
        _actor = CallerContext.Host(state.State.Registration?.Host ?? "unknown");
        Record("allocation", "host rebalanced", reason, Describe(state.State.Allocation), Describe(allocation));
        _actor = null;
        state.State.Allocation = allocation;
        _allocationDirty = true;
        if (!vmiOptions.Value.DeferHostNotices || vmiOptions.Value.WindowCheckpointInterval <= TimeSpan.Zero)
        {
            await CheckpointAsync();
        }
    }

    public async Task AllocationDeferredAsync(string reason)
    {
        _actor = CallerContext.Host(state.State.Registration?.Host ?? "unknown");
        Record("allocation-deferred", "new allocation held back; the current one stays in force", reason, Describe(state.State.Allocation));
        _actor = null;
        _allocationDirty = true; // the decision is written with the next checkpoint, as a host's allocation notice is
        if (!vmiOptions.Value.DeferHostNotices || vmiOptions.Value.WindowCheckpointInterval <= TimeSpan.Zero)
        {
            await CheckpointAsync();
        }
    }

    public Task NetworkReconciledAsync(string what, string reason)
    {
        _actor = CallerContext.Host(state.State.Registration?.Host ?? "unknown");
        Record("network-reconcile", what, reason);
        _actor = null;
        return WriteAsync();
    }

    // After a failed write the in-memory state is not the stored one: nothing of it is written.
    // The scheduler forgets the VMI first, so it neither calls this activation again nor activates a new one.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopTicking();
        return _stateDiscarded ? Task.CompletedTask : CheckpointAsync();
    }

    /// <summary>
    /// Windows, <c>vmi.state</c> and host-made allocation changes are written on a timer (and at
    /// deactivation), not per sample or tick: a sample or a rule's counter costs no storage write.
    /// </summary>
    private async Task CheckpointAsync()
    {
        if ((_windowsDirty || _allocationDirty || _ruleValuesDirty) && state.State.Registration is not null && !_stateDiscarded)
        {
            if (_windowsDirty)
            {
                state.State.Windows = Session.Windows.Export();
            }

            if (_ruleValuesDirty)
            {
                state.State.RuleValues = Session.State.Values.ToDictionary(v => v.Key, v => StoredRuleValue.From(v.Value), StringComparer.Ordinal);
            }

            _windowsDirty = _allocationDirty = _ruleValuesDirty = false;
            await WriteAsync();
        }
    }

    /// <summary>Tells the VMI index (its bucket) this VMI's name, host and profile; awaited where the profile changed.</summary>
    private async Task ReportToIndexAsync()
    {
        if (state.State.Registration is { } r && state.State.Gone is null)
        {
            _indexed = false;
            await VmiIndex.For(GrainFactory, Id).ReportAsync(new VmiListItem(Id, r.Name, r.Host, state.State.ProfileId, state.State.ProfileVersion, r.Labels));
            _indexed = true;
        }
    }

    /// <summary>Reports to the index without holding up the caller; a failed report is logged and made again at the next registration (<see cref="_indexed"/>).</summary>
    private void ReportToFleet() => ReportInBackgroundAsync().Ignore();

    private async Task ReportInBackgroundAsync()
    {
        try
        {
            await ReportToIndexAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever the index's storage threw (a timeout, a conflict, the Azure SDK's own): retried, not lost.
            LogIndexReportFailed(Id, ex.Message);
        }
    }

    private void Record(string kind, string what, string reason, string? before = null, string? after = null) =>
        DecisionLog.Add(state.State.Decisions, new Decision(time.GetUtcNow(), kind, what, reason, before, after, _actor ?? CallerContext.Current ?? CallerContext.Cluster));

    private static MetricSummary ToSummary(MetricKind metric, MetricStats s) =>
        new(MetricNames.NameOf(metric), s.Last, s.Avg, s.P95, s.Max, s.Ewma, s.Trend, s.Samples);

    private static string? Describe(Allocation? a) => a is null ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"cpu {a.CpuShare:P0} (weight {a.CpuWeight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}), ram {a.RamShare:P0} ({a.MemoryTargetKiB / 1024} MiB), net {a.NetworkShare:P0} ({a.BandwidthAverageKiBps} KiB/s{(a.BandwidthEnforcement is { } by ? $", {by}" : string.Empty)}), io {a.StorageShare:P0} (blkio {a.BlkioWeight})")
        + (a.Caps is { Count: > 0 } caps ? $"; {string.Join("; ", caps)}" : string.Empty);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
