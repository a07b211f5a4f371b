namespace VmiGrains.Domain.Guests;

/// <summary>What one poll of the system-call observer read from the guest (<see cref="SyscallTracing"/>).</summary>
/// <param name="Records">The calls the tracers logged since the last poll, in log order per tracer.</param>
/// <param name="Notes">Tracers started, failed, skipped output, or not started (limit).</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.SyscallTrace")]
public sealed record SyscallTrace(
    [property: Id(0)] IReadOnlyList<SyscallRecord> Records,
    [property: Id(1)] IReadOnlyList<TracerNote> Notes);

/// <summary>
/// One traced call: <see cref="App"/> is the profile's entry whose process tree made it
/// (<see cref="TracedPid"/> the traced process, <see cref="Pid"/> the caller, maybe a child); the
/// guest's Unix time; the call name, its arguments as strace printed them, its return value (null
/// when strace logged the call unfinished), and its first string argument (a path or an address).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.SyscallRecord")]
public sealed record SyscallRecord(
    [property: Id(0)] string App,
    [property: Id(1)] long TracedPid,
    [property: Id(2)] long Pid,
    [property: Id(3)] double Time,
    [property: Id(4)] string Call,
    [property: Id(5)] string Args,
    [property: Id(6)] string? Return,
    [property: Id(7)] string? FirstString);

/// <summary>Something about a tracer rather than a call.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.TracerNote")]
public sealed record TracerNote(
    [property: Id(0)] TracerNoteKind Kind,
    [property: Id(1)] string App,
    [property: Id(2)] long Pid,
    [property: Id(3)] string? Detail);

/// <summary>What a <see cref="TracerNote"/> says.</summary>
public enum TracerNoteKind
{
    /// <summary>strace was started on the process.</summary>
    Started,

    /// <summary>strace could not attach (Detail: its error, e.g. ptrace not permitted).</summary>
    Failed,

    /// <summary>The tracer logged more than one poll reads; Detail: the bytes skipped.</summary>
    Skipped,

    /// <summary>Not traced: the session runs <see cref="SyscallTracing.MaxTracers"/> tracers already.</summary>
    LimitReached,
}
