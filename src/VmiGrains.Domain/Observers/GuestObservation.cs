using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Observers;

/// <summary>
/// The observers' memory of one VMI: the last snapshot per observer and the shared
/// <see cref="ObserverBudget"/>. The first snapshot an observer takes after it starts (attach,
/// re-activation, the agent coming back) is a <b>baseline</b>: users already logged in and processes
/// already running raise no event. A failed poll keeps the last snapshot, so the next good one
/// reports what changed across the gap.
/// </summary>
public sealed class GuestObservation(ObserverBudget? budget = null)
{
    private IReadOnlyList<GuestUser>? _users;
    private IReadOnlyList<GuestProcess>? _processes;

    /// <summary>The budget shared by this VMI's observers.</summary>
    public ObserverBudget Budget { get; } = budget ?? new ObserverBudget();

    /// <summary>Whether the users observer has its baseline.</summary>
    public bool HasUsersBaseline => _users is not null;

    /// <summary>Whether the applications observer has its baseline.</summary>
    public bool HasApplicationsBaseline => _processes is not null;

    /// <summary>The events since the last users snapshot (none for the baseline), within the budget.</summary>
    public IReadOnlyList<TelemetryEvent> ObserveUsers(IReadOnlyList<GuestUser> users, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(users);
        var before = _users;
        _users = users;
        return before is null ? [] : Budget.Admit(UserDiff.Diff(before, users, now), EventSources.Users, now);
    }

    /// <summary>The events since the last process snapshot (none for the baseline), within the budget.</summary>
    public IReadOnlyList<TelemetryEvent> ObserveApplications(IReadOnlyList<GuestProcess> processes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(processes);
        var before = _processes;
        _processes = processes;
        return before is null ? [] : Budget.Admit(ApplicationDiff.Diff(before, processes, now), EventSources.Applications, now);
    }

    /// <summary>The <c>syscall</c> events of one poll of the system-call observer (file calls limited to <paramref name="paths"/>), within the budget (no baseline: a tracer logs only what happens after it attached).</summary>
    public IReadOnlyList<TelemetryEvent> ObserveSyscalls(SyscallTrace trace, IReadOnlyList<string> paths, DateTimeOffset now) =>
        Budget.Admit(SyscallSummary.Events(trace, paths, now), EventSources.Syscalls, now);

    /// <summary>Forgets the snapshots: the next poll of each observer is a baseline again.</summary>
    public void Reset()
    {
        _users = null;
        _processes = null;
    }
}
