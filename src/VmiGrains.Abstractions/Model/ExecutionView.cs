namespace VmiGrains.Abstractions.Model;

/// <summary>
/// A triggered program: <see cref="State"/> is <c>running</c>, <c>exited</c>, <c>failed</c> (the agent
/// could not tell; <see cref="Error"/> says why) or <c>lost</c> (a rule's run whose end the agent no
/// longer knows, e.g. qemu-ga restarted; <see cref="Error"/> says why). Output is decoded and truncated with a marker.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ExecutionView")]
public sealed record ExecutionView
{
    /// <summary>Handle for <c>GetExecutionAsync</c>.</summary>
    [Id(0)] public required string ExecutionId { get; init; }

    /// <summary>Guest process id.</summary>
    [Id(1)] public long Pid { get; init; }

    /// <summary>running | exited | failed | lost.</summary>
    [Id(2)] public required string State { get; init; }

    /// <summary>The program as started (before any strace wrapper), e.g. <c>/usr/bin/nc</c>; null in records older than this field.</summary>
    [Id(30)] public string? Program { get; init; }

    /// <summary>The rule that started it with <c>run(...)</c>; null for a trigger request (<c>vmi exec</c>).</summary>
    [Id(31)] public string? Rule { get; init; }

    /// <summary>Exit code, once exited.</summary>
    [Id(3)] public int? ExitCode { get; init; }

    /// <summary>Signal that ended it, if any.</summary>
    [Id(4)] public int? Signal { get; init; }

    /// <summary>Standard output.</summary>
    [Id(5)] public string Stdout { get; init; } = string.Empty;

    /// <summary>Standard error.</summary>
    [Id(6)] public string Stderr { get; init; } = string.Empty;

    /// <summary>Output was cut at the limit.</summary>
    [Id(7)] public bool Truncated { get; init; }

    /// <summary>The timeout ended it.</summary>
    [Id(8)] public bool TimedOut { get; init; }

    /// <summary>The nice value it was started with.</summary>
    [Id(9)] public int? Nice { get; init; }

    /// <summary>The profile in force when it started.</summary>
    [Id(10)] public string? ProfileId { get; init; }

    /// <summary>What went wrong when <see cref="State"/> is failed.</summary>
    [Id(11)] public string? Error { get; init; }

    /// <summary>When it started.</summary>
    [Id(12)] public DateTimeOffset StartedAt { get; init; }
}
