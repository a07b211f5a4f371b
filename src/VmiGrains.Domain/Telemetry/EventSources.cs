namespace VmiGrains.Domain.Telemetry;

/// <summary>The values of an event's <c>source</c> (rules read it as <c>event.source</c>).</summary>
public static class EventSources
{
    /// <summary>Sent through the API (<c>vmi vm feedback --event</c>, REST, a host).</summary>
    public const string Pushed = "pushed";

    /// <summary>Read from a telemetry file by <c>vmi rules test --replay</c>.</summary>
    public const string Replay = "replay";

    /// <summary>The users observer (<c>guest-get-users</c>).</summary>
    public const string Users = "observer:users";

    /// <summary>The applications observer (the guest's process table).</summary>
    public const string Applications = "observer:applications";

    /// <summary>The system-call observer (strace in the guest).</summary>
    public const string Syscalls = "observer:syscalls";

    /// <summary>A rule's own <c>run(...)</c> ending (<c>run_finished</c>).</summary>
    public const string Run = "run";
}
