using System.Globalization;
using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent;

/// <summary>The system-call observer's polls and its clean-up, each one <c>guest-exec</c> of <c>/bin/sh</c>.</summary>
public sealed partial class QemuGuestAgent
{
    /// <inheritdoc/>
    public async Task<GuestAgentResult<SyscallTrace>> TraceSyscallsAsync(string session, IReadOnlyList<string> apps, IReadOnlyList<string> calls, TimeSpan watchdogPeriod, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var linux = await RequireLinuxAsync<SyscallTrace>(guest => $"the syscalls observer runs strace and supports Linux guests only; this guest is \"{guest}\"", cancellationToken);
        if (linux is not null)
        {
            return linux;
        }

        var status = await RunHelperAsync(SyscallTracing.LinuxCommand(session, apps, calls, watchdogPeriod), GuestOsFamily.Linux, cancellationToken);
        if (!status.IsSuccess)
        {
            return status.As<SyscallTrace>();
        }

        return status.Value.ExitCode switch
        {
            0 => GuestAgentResult.Success(SyscallTracing.Parse(status.Value.StdOut, apps)),
            3 => GuestAgentResult.Failure<SyscallTrace>(GuestAgentErrorKind.UnsupportedGuest,
                $"the syscalls observer needs strace in the guest: {status.Value.StdErr.Trim()}; install the guest's strace package (Debian/Ubuntu: apt install strace)"),
            _ => GuestAgentResult.Failure<SyscallTrace>(GuestAgentErrorKind.CommandFailed, string.Create(CultureInfo.InvariantCulture,
                $"tracing system calls: /bin/sh exited with {status.Value.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? $"signal {status.Value.Signal}"}: {status.Value.StdErr.Trim()}; check that the guest can write {SyscallTracing.Directory}")),
        };
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<bool>> StopSyscallTracingAsync(CancellationToken cancellationToken = default)
    {
        var linux = await RequireLinuxAsync<bool>(guest => $"nothing to stop: the syscalls observer runs on Linux guests only; this guest is \"{guest}\"", cancellationToken);
        if (linux is not null)
        {
            return linux;
        }

        var status = await RunHelperAsync(SyscallTracing.LinuxStopCommand(), GuestOsFamily.Linux, cancellationToken);
        return status.IsSuccess ? GuestAgentResult.Success(status.Value.ExitCode == 0) : status.As<bool>();
    }
}
