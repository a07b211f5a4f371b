using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Observers;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// The observers: while the attached profile has <c>observers</c>, a grain timer polls the guest through
/// the host's agent (<see cref="Hosts.IGuestExecutorGrain"/>, interleaving there, so a slow agent never
/// holds the host's rebalance) and turns what changed into events on the same path as pushed ones
/// (<see cref="_pendingEvents"/> → <c>on_event</c>). The poll interleaves with this grain's calls while
/// it waits for the agent; the events it finds are evaluated in a turn of their own (the drain timer),
/// and a poll whose profile changed meanwhile is thrown away (<see cref="_observerGeneration"/>).
/// Failures are decisions at most once per <see cref="ObserverFailureEvery"/> per observer.
/// </summary>
internal sealed partial class VmiGrain
{
    /// <summary>How often one observer's continuing failure is recorded as a decision.</summary>
    private static readonly TimeSpan ObserverFailureEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, DateTimeOffset> _observerFailedAt = new(StringComparer.Ordinal);
    private readonly List<(string What, string Reason)> _observerNotes = [];
    private GuestObservation? _observation; // made when observers start: most VMIs observe nothing
    private ObserverSettings? _observers;
    private IGrainTimer? _observerTimer;
    private int _observerGeneration;

    // The syscalls observer's session in the guest (its directory there), the poll in flight, and whether a stopped session's tracers still run.
    private string? _traceSession;
    private Task _tracePoll = Task.CompletedTask;
    private bool _tracersToStop;
    private bool _syscallsUnsupported;

    /// <summary>Starts, restarts (other settings) or stops the observers for the profile now in use.</summary>
    private void UseObservers(ObserverSettings? settings)
    {
        if (settings is { Any: true } && settings.Equals(_observers) && _observerTimer is not null)
        {
            return; // same observers under another profile (version): keep their baselines
        }

        var was = _observers;
        StopObserving();
        if (settings is not { Any: true })
        {
            if (was is not null)
            {
                Record("observer", "observers stopped", "the profile now in use observes nothing");
            }

            return;
        }

        _observers = settings;
        _traceSession = settings.Syscalls is null ? null : Guid.NewGuid().ToString("N")[..12];
        _syscallsUnsupported = false;
        var session = _traceSession is null ? string.Empty : $" (tracer session {_traceSession}: /run/vmigrains-syscalls/{_traceSession} in the guest)";
        Record("observer", $"observers started: {Describe(settings)}, every {DurationFormatText(settings.Interval)}{session}; the first poll is a baseline", "the profile observes its guest");
        _observation = new GuestObservation();
        _observerTimer = this.RegisterGrainTimer(static (self, ct) => self.PollOnScheduleAsync(), this,
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = settings.Interval, Interleave = true, KeepAlive = true });
    }

    private static string Describe(ObserverSettings s) => string.Join(", ",
        (s.Users ? ["users (login/logout)"] : Array.Empty<string>())
            .Concat(s.Applications.Count > 0 ? [$"applications {string.Join(" ", s.Applications)} (app_start/app_stop)"] : [])
            .Concat(s.Syscalls is { } c ? [$"system calls {string.Join(",", c.Calls)} of {string.Join(" ", c.Applications)} (syscall)"] : []));

    private static string DurationFormatText(TimeSpan interval) => Domain.Profiles.DurationFormat.Format(interval);

    private void StopObserving()
    {
        _tracersToStop |= _traceSession is not null;
        _traceSession = null;
        _observerGeneration++;
        _observerTimer?.Dispose();
        _observerTimer = null;
        _observers = null;
        _observerFailedAt.Clear();
    }

    /// <summary>
    /// One poll, and the next one due an interval after this one started: a grain timer's period counts from the
    /// end of its callback, so a poll of 0.5 s every 2 s would otherwise start every 2.5 s (and a stimulus just after
    /// a poll began waited 3 s for its event). A poll that took most of the interval is followed a quarter interval
    /// after its end, so a slow guest is not polled back to back.
    /// </summary>
    private async Task PollOnScheduleAsync()
    {
        var started = time.GetTimestamp();
        var timer = _observerTimer;
        try
        {
            await PollObserversAsync();
        }
        finally
        {
            if (timer is not null && ReferenceEquals(timer, _observerTimer) && _observers is { } settings)
            {
                var rest = settings.Interval - time.GetElapsedTime(started);
                var gap = settings.Interval / 4;
                timer.Change(rest > gap ? rest : gap, settings.Interval);
            }
        }
    }

    private async Task PollObserversAsync()
    {
        var generation = _observerGeneration;
        if (_observers is not { } settings || _stateDiscarded || state.State.Gone is not null || state.State.Registration is null)
        {
            return;
        }

        // A poll of the previous syscalls session may still run in the guest (a switch does not wait for it): this
        // session's first poll removes that session's directory, and a poll still running there would start a
        // watchdog nobody stops. One session's polls never overlap (the timer waits for its callback).
        if (!_tracePoll.IsCompleted)
        {
            await _tracePoll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            if (generation != _observerGeneration)
            {
                return;
            }
        }

        // The observers' agent calls run side by side (each is its own guest-exec or agent command; the host's
        // executor interleaves): one poll takes as long as its slowest observer, not the sum of them.
        var users = settings.Users ? Agent.GetUsersAsync(Id) : null;
        var processes = settings.Applications.Count > 0 ? Agent.ListProcessesAsync(Id, settings.Applications) : null;
        var trace = settings.Syscalls is { } syscalls && _traceSession is { } session && !_syscallsUnsupported
            ? Agent.TraceSyscallsAsync(Id, session, syscalls.Applications, syscalls.Calls, TraceWatchdogPeriod(settings.Interval))
            : null;
        _tracePoll = trace ?? Task.CompletedTask;
        await Task.WhenAll(new Task?[] { users, processes, trace }.OfType<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        if (generation != _observerGeneration)
        {
            return;
        }

        var found = new List<TelemetryEvent>();
        var observation = _observation ??= new GuestObservation();
        if (users is not null)
        {
            found.AddRange(Observed("users", await users, u => observation.ObserveUsers(u, time.GetUtcNow())));
        }

        if (processes is not null)
        {
            found.AddRange(Observed("applications", await processes, p => observation.ObserveApplications(p.Processes, time.GetUtcNow())));
        }

        if (trace is not null)
        {
            var traced = await trace;
            if (traced.IsSuccess)
            {
                NoteTracers(traced.Value.Notes);
            }
            else if (traced.Error.Kind == GuestAgentErrorKind.UnsupportedGuest)
            {
                _syscallsUnsupported = true; // recorded once (ObserverFailed); off until the profile is attached again
            }

            found.AddRange(Observed("syscalls", traced, t => observation.ObserveSyscalls(t, settings.Syscalls?.Paths ?? [], time.GetUtcNow())));
        }

        foreach (var e in found)
        {
            _pendingEvents.Enqueue(e);
        }

        if (found.Count > 0 || _observerNotes.Count > 0)
        {
            ScheduleDrain();
        }
    }

    /// <summary>
    /// How often the guest's watchdog checks that polls still come (it stops the tracers after three periods
    /// without one): the interval plus room for a slow poll — one poll's agent calls may take 10 s each.
    /// </summary>
    private static TimeSpan TraceWatchdogPeriod(TimeSpan interval) => interval + TimeSpan.FromSeconds(15);

    private void NoteTracers(IReadOnlyList<TracerNote> notes)
    {
        foreach (var note in notes)
        {
            switch (note.Kind)
            {
                case TracerNoteKind.Started:
                    _observerNotes.Add(($"syscalls observer tracing {note.App} pid {note.Pid} (and its children)", "a process of a traced application"));
                    break;
                case TracerNoteKind.Failed:
                    _observerNotes.Add(($"syscalls observer could not trace {note.App} pid {note.Pid}: {note.Detail}; it is not retried for that process", "strace failed to attach (ptrace not permitted, e.g. kernel.yama.ptrace_scope=3 or another tracer)"));
                    break;
                case TracerNoteKind.LimitReached:
                    _observerNotes.Add(($"syscalls observer not tracing {note.App} pid {note.Pid}: {SyscallTracing.MaxTracers} processes traced already", "the tracer limit per VMI"));
                    break;
            }
        }
    }

    /// <summary>
    /// After the syscalls observer stopped (detach, a switch to other observers): stops its tracers in the
    /// guest, once any poll in flight has returned (so it cannot start one after this). A failure is a
    /// decision; the guest's watchdog stops them anyway when polls no longer come. When another session
    /// started (other syscall settings), its first poll removes the old one's tracers instead.
    /// </summary>
    private async Task StopTracersAsync(string reason)
    {
        if (!_tracersToStop || state.State.Registration is null || state.State.Gone is not null)
        {
            return;
        }

        _tracersToStop = false;
        if (_traceSession is not null)
        {
            return; // the new session's first poll stops the old one's tracers itself
        }

        await _tracePoll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        var stopped = await Agent.StopSyscallTracingAsync(Id);
        Record("observer", stopped.IsSuccess && stopped.Value
            ? "syscalls observer's tracers stopped and its files removed in the guest"
            : $"syscalls observer's tracers not stopped: {(stopped.IsSuccess ? "the stop command failed in the guest" : stopped.Error.ToString())}; the guest's watchdog stops them when polls no longer come", reason);
    }

    private IReadOnlyList<TelemetryEvent> Observed<T>(string observer, GuestAgentResult<T> result, Func<T, IReadOnlyList<TelemetryEvent>> diff)
    {
        var tag = new KeyValuePair<string, object?>("observer", observer);
        if (!result.IsSuccess)
        {
            VmiGrainsMetrics.ObserverPolls.Add(1, tag, new("outcome", "failed"));
            ObserverFailed(observer, result.Error);
            return [];
        }

        VmiGrainsMetrics.ObserverPolls.Add(1, tag, new("outcome", "ok"));
        if (_observerFailedAt.Remove(observer))
        {
            _observerNotes.Add(($"{observer} observer reading the guest again", "the guest agent answered"));
        }

        var events = diff(result.Value);
        VmiGrainsMetrics.ObserverEvents.Add(events.Count, tag);
        if (events.FirstOrDefault(e => e.Name == ObservedEventNames.Dropped) is { } dropped && dropped.Fields.TryGetValue("count", out var count))
        {
            VmiGrainsMetrics.ObserverDropped.Add((long)count.Number, tag);
        }

        return events;
    }

    /// <summary>A decision the first time and then at most once a minute; an unsupported guest only once per attach.</summary>
    private void ObserverFailed(string observer, GuestAgentError error)
    {
        var now = time.GetUtcNow();
        if (_observerFailedAt.TryGetValue(observer, out var last) && (error.Kind == GuestAgentErrorKind.UnsupportedGuest || now - last < ObserverFailureEvery))
        {
            return;
        }

        _observerFailedAt[observer] = now;
        LogObserverFailed(Id, observer, error.Kind, error.Message);
        _observerNotes.Add(error.Kind == GuestAgentErrorKind.UnsupportedGuest
            ? ($"{observer} observer unsupported on this guest; it stays off until the profile is attached again", error.Message)
            : ($"{observer} observer could not read the guest ({error.Kind}); retrying every {_observers?.Interval.TotalSeconds:0.###} s, recorded again in a minute if it persists", error.Message));
    }

    /// <summary>Records the observers' notes (in a turn of the grain's own, from the drain timer).</summary>
    private async Task RecordObserverNotesAsync()
    {
        if (_observerNotes.Count == 0)
        {
            return;
        }

        foreach (var (what, reason) in _observerNotes)
        {
            Record("observer", what, reason);
        }

        _observerNotes.Clear();
        await WriteAsync();
    }
}
