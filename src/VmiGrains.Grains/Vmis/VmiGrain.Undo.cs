using VmiGrains.Domain.Undo;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Temporary changes: each is written to state before it takes effect, and undone on expiry, on a
/// profile switch or detach, and when the grain re-activates (after a crash, on another silo).
/// Expiry is guaranteed whether or not this grain is active: the host learns the earliest expiry
/// (<see cref="Hosts.IHypervisorClusterGrain.ScheduleUndoAsync"/>) after the record is durable and
/// before the change takes effect, and its undo sweep wakes this grain then (<see cref="UndoDueAsync"/>);
/// see <c>HypervisorGrain.Undo</c> for why the host and not a reminder. An undo more than
/// <see cref="LateAfter"/> past its expiry is recorded as <c>undo-late</c>, saying how late and why.
/// </summary>
internal sealed partial class VmiGrain
{
    /// <summary>An undo later than this after its expiry gets its own decision (timer and sweep normally take a second or two).</summary>
    internal static readonly TimeSpan LateAfter = TimeSpan.FromSeconds(5);

    /// <summary>The next expiry the host was told in this activation (valid when <see cref="_undoDueReported"/>).</summary>
    private DateTimeOffset? _reportedUndoDue;

    private bool _undoDueReported;

    private async Task AddUndoAsync(UndoRecord record)
    {
        // One record per kind and target (UndoList): the new one replaces the previous one.
        foreach (var pushedOut in UndoList.Add(state.State.Undo, record).Where(r => !UndoList.SameTarget(r, record)))
        {
            Record("undo", $"undid {pushedOut.Description}", $"at most {VmiStateBudget.MaxSyscallFaults} syscall faults per VMI; the oldest made room", pushedOut.Description, null);
        }

        var until = record.ExpiresAt is { } e ? $" until {e:HH:mm:ss}" : " until the profile changes";
        Record(record.Kind, $"{record.Description}{until}", record.Reason);
        await WriteAsync();
        await ReportUndoDueAsync();
    }

    /// <summary>Records where the host applied a shaping, in its undo record too (the side an undo removes it from).</summary>
    private void NoteShaping(UndoRecord undo, Hosts.ShapingResult shaped, string done, string reason)
    {
        var index = state.State.Undo.IndexOf(undo);
        if (index >= 0)
        {
            state.State.Undo[index] = undo with { ShapingSide = shaped.Side };
        }

        NoteNetwork(done, shaped.Problem, reason);
    }

    /// <summary>
    /// The host's undo sweep: <paramref name="due"/> is the expiry it was told. Undoes what is due; when
    /// nothing is and this activation has not told the host its schedule, an earlier undo may not have
    /// reached the host (it was down): the claim is sent again and the host's shaping cleared if none is left.
    /// </summary>
    public async Task UndoDueAsync(DateTimeOffset due, string cause)
    {
        if (state.State.Registration is null)
        {
            return;
        }

        var expired = UndoExpiry.Due(state.State.Undo, u => u.ExpiresAt, time.GetUtcNow());
        if (expired.Count > 0)
        {
            await UndoAsync(expired, "expired", cause);
        }
        else if (!_undoDueReported && state.State.ProfileId is not null)
        {
            await CatchUpHostAsync(due, cause);
        }
        else
        {
            await ReportUndoDueAsync(always: true);
        }
    }

    private async Task CatchUpHostAsync(DateTimeOffset due, string cause)
    {
        var reason = $"undo caught up ({cause})";
        await ClaimAsync(force: true, reason);
        if (!state.State.Undo.Any(u => u.Kind == UndoKinds.Shaping))
        {
            await TryHostAsync(async _ => await Network.ClearShapingAsync(Id));
        }

        var late = UndoLateness.Describe(due, time.GetUtcNow(), LateAfter, cause);
        Record("undo", $"host {Registration.Host} brought up to date with the undone changes{(late is null ? string.Empty : $", {late}")}", reason);
        await WriteAsync();
        await ReportUndoDueAsync(always: true);
    }

    private async Task UndoExpiredAsync(string reason, string lateCause)
    {
        var expired = UndoExpiry.Due(state.State.Undo, u => u.ExpiresAt, time.GetUtcNow());
        if (expired.Count > 0)
        {
            await UndoAsync(expired, reason, lateCause);
        }
    }

    private Task UndoAllAsync(string reason) =>
        state.State.Undo.Count == 0 ? Task.CompletedTask : UndoAsync([.. state.State.Undo], reason);

    /// <param name="records">What to undo.</param>
    /// <param name="reason">The decision's reason.</param>
    /// <param name="lateCause">For expired records: why an undo later than <see cref="LateAfter"/> came late (null: not an expiry).</param>
    private async Task UndoAsync(List<UndoRecord> records, string reason, string? lateCause = null)
    {
        var now = time.GetUtcNow();
        foreach (var record in records)
        {
            state.State.Undo.Remove(record);
            Record("undo", $"undid {record.Description}", reason, record.Description, null);
            if (lateCause is not null && record.ExpiresAt is { } expiry && UndoLateness.Describe(expiry, now, LateAfter, lateCause) is { } late)
            {
                Record("undo-late", $"{record.Description} undone {late}", reason);
                LogUndoLate(Id, record.Kind, late);
            }

            LogUndone(Id, record.Kind, reason);
        }

        // The record leaves state only together with its decision; the host is told afterwards.
        await WriteAsync();
        if (records.Any(r => r.Kind == UndoKinds.WeightOverride))
        {
            await ClaimAsync(force: true, $"undo ({reason})");
        }

        if (records.Any(r => r.Kind == UndoKinds.Shaping) && state.State.Registration is not null)
        {
            var side = records.LastOrDefault(r => r.Kind == UndoKinds.Shaping)?.ShapingSide == Domain.Network.ShapingSide.Guest ? " (from inside the guest and the host's taps)" : string.Empty;
            await TryHostAsync(async _ => NoteNetwork($"shaping removed{side}", await Network.ClearShapingAsync(Id), $"undo ({reason})"));
            await WriteAsync();
        }

        if (records.Any(r => r.Kind == UndoKinds.GuestAppFirewall) && state.State.Registration is not null)
        {
            await RemoveGuestAppRulesAsync($"undo ({reason})");
        }

        foreach (var scoped in records.Where(r => r.Kind == UndoKinds.ScopedProfile && r.PreviousProfileId != state.State.ProfileId))
        {
            if (scoped.PreviousProfileId is { } previous)
            {
                await SwitchProfileAsync(previous, scoped.PreviousProfileVersion, $"scoped profile ended ({reason})");
            }
            else
            {
                await DetachAsync();
            }
        }

        // Last: the host forgets the expiry only once the undo reached it (a failed call leaves it due, and the sweep comes back).
        await ReportUndoDueAsync();
    }

    /// <summary>Tells the host the earliest expiry left (none: null) unless it already knows it; a host that is down hears it on the next try.</summary>
    private async Task ReportUndoDueAsync(bool always = false)
    {
        if (state.State.Registration is null)
        {
            return;
        }

        var next = UndoExpiry.Next(state.State.Undo, u => u.ExpiresAt);
        if (!always && _undoDueReported && next == _reportedUndoDue)
        {
            return;
        }

        _undoDueReported = false;
        await TryHostAsync(async host =>
        {
            await host.ScheduleUndoAsync(Id, next);
            (_undoDueReported, _reportedUndoDue) = (true, next);
        });
    }
}
