using VmiGrains.Domain.Undo;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// The guarantee behind every temporary change's expiry: each VMI tells its host the earliest expiry
/// of its undo records (<see cref="ScheduleUndoAsync"/>, durable in <see cref="HostState.UndoDue"/>
/// before the change takes effect), and the host's sweep timer wakes the VMI then, one-way, whether its
/// grain is active or not. The VMI's own rule timer stays the precise path while it is active; the
/// sweep is the bound when it is not (<see cref="HostManagementOptions.UndoSweepInterval"/>, re-woken
/// every 5 sweeps while still due).
/// Why the host and not an Orleans reminder per VMI: the host is what applied the change and the only
/// place it can be taken back (only its silo talks to that libvirt, nft and tc); it is host-local and
/// re-activated by its own silo at start-up; its state already lives in the configured grain storage of
/// every clustering mode (a reminder table would be one more store to configure and run, and the
/// in-memory one of dev clusters dies with the silo that holds it); and a sweep has second precision
/// where reminders have about a minute. A VMI whose host silo is down cannot be undone anywhere; the
/// sweep after the host re-activates does it, and the VMI records how late and why.
/// </summary>
internal sealed partial class HypervisorGrain
{
    private UndoSweep? _undoSweep;
    private DateTimeOffset _activatedAt;

    private UndoSweep Sweep => _undoSweep ??= new UndoSweep(5 * options.Value.UndoSweepInterval);

    public Task ScheduleUndoAsync(string vmiId, DateTimeOffset? nextExpiry) => ExclusiveAsync(async () =>
    {
        Sweep.Reported(vmiId);
        var known = state.State.UndoDue.TryGetValue(vmiId, out var old);
        if (nextExpiry == (known ? old : null))
        {
            return;
        }

        if (nextExpiry is { } due)
        {
            state.State.UndoDue[vmiId] = due;
        }
        else
        {
            state.State.UndoDue.Remove(vmiId);
        }

        await state.WriteStateAsync();
    });

    /// <summary>Wakes each VMI whose next undo is due (one-way: the host never waits on its VMIs).</summary>
    private void SweepUndo()
    {
        foreach (var vmiId in Sweep.Due(state.State.UndoDue, time.GetUtcNow()))
        {
            var due = state.State.UndoDue[vmiId];
            var cause = due < _activatedAt
                ? $"host {HostName} was not active at the expiry (its silo was down); woken by the host's undo sweep after it re-activated"
                : $"woken by host {HostName}'s undo sweep";
            LogUndoWake(HostName, vmiId, due);
            Vmi(vmiId).UndoDueAsync(due, cause).Ignore();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Host {Host}: waking VMI {VmiId} for its undo due at {Due}")]
    private partial void LogUndoWake(string host, string vmiId, DateTimeOffset due);
}
