namespace VmiGrains.Domain.Guests;

/// <summary>
/// The status of a started program. Output is decoded as UTF-8 and present once it has exited
/// (QGA only returns it then). A truncated stream ends with <see cref="GuestOutput.TruncationMarker"/>
/// and has its flag set. <see cref="TimedOut"/> is set when the in-guest time limit ended it.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ExecStatus")]
public sealed record ExecStatus(
    [property: Id(0)] long Pid,
    [property: Id(1)] ExecState State,
    [property: Id(2)] int? ExitCode,
    [property: Id(3)] int? Signal,
    [property: Id(4)] string StdOut,
    [property: Id(5)] string StdErr,
    [property: Id(6)] bool StdOutTruncated,
    [property: Id(7)] bool StdErrTruncated,
    [property: Id(8)] bool TimedOut)
{
    /// <summary><c>true</c> when the program exited with code 0 (not killed, not timed out).</summary>
    public bool Succeeded => State == ExecState.Exited && ExitCode == 0 && !TimedOut;
}
