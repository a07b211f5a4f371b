namespace VmiGrains.Domain.Guests;

/// <summary>
/// Builds the exact <c>guest-exec</c> commands for one guest operating-system family. Pure: no I/O.
/// Inputs are validated first (<see cref="ExecRequestValidator"/>); values are always passed as
/// separate arguments or quoted literals, never spliced into shell text.
/// </summary>
public interface IGuestCommandBuilder
{
    /// <summary>The family these commands are for.</summary>
    GuestOsFamily Family { get; }

    /// <summary>The command that starts <paramref name="request"/> at its priority and under its time limit.</summary>
    GuestCommand Start(ExecRequest request);

    /// <summary>A command that sets every running process named <paramref name="app"/> to <paramref name="nice"/> and prints their pids, one per line.</summary>
    GuestCommand Reprioritise(string app, int nice);

    /// <summary>A command that prints the pids of processes named <paramref name="app"/>, one per line.</summary>
    GuestCommand FindProcesses(string app);

    /// <summary>A command that asks process <paramref name="pid"/> to end (SIGTERM on Linux, which <c>timeout</c> forwards; Stop-Process on Windows).</summary>
    GuestCommand Terminate(long pid);

    /// <summary>Whether <paramref name="exitCode"/> from a command started with a time limit means the limit ended it.</summary>
    bool IsTimeoutExit(int exitCode);
}
