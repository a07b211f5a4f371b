using System.Globalization;
using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Protocol;

namespace VmiGrains.GuestAgent;

/// <summary>What the observers read: logged-in users and the observed applications' processes.</summary>
public sealed partial class QemuGuestAgent
{
    /// <inheritdoc/>
    public async Task<GuestAgentResult<IReadOnlyList<GuestUser>>> GetUsersAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(QgaCommands.Users, QgaCommands.Simple(QgaCommands.Users), cancellationToken);
        return reply.IsSuccess ? Shape(QgaCommands.Users, reply.Value, QgaParsers.Users) : reply.As<IReadOnlyList<GuestUser>>();
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<GuestProcessList>> ListProcessesAsync(IReadOnlyList<string> apps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apps);
        if (apps.Count == 0)
        {
            return GuestAgentResult.Success(new GuestProcessList([], false));
        }

        if (await RequireLinuxAsync<GuestProcessList>(guest => $"the applications observer reads /proc and supports Linux guests only; this guest is \"{guest}\"; observe users only, or push app_start/app_stop events from the guest", cancellationToken) is { } refused)
        {
            return refused;
        }

        var status = await RunHelperAsync(ProcessListing.LinuxCommand(apps), GuestOsFamily.Linux, cancellationToken);
        if (!status.IsSuccess)
        {
            return status.As<GuestProcessList>();
        }

        return status.Value.ExitCode == 0
            ? GuestAgentResult.Success(ProcessListing.Parse(status.Value.StdOut, apps))
            : GuestAgentResult.Failure<GuestProcessList>(GuestAgentErrorKind.CommandFailed, string.Create(CultureInfo.InvariantCulture,
                $"listing the observed applications' processes: /bin/sh exited with {status.Value.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? $"signal {status.Value.Signal}"}: {status.Value.StdErr.Trim()}; check that the guest has /bin/sh and /proc"));
    }

    /// <summary>Null on a Linux guest; otherwise the failure to return: the OS could not be read, or it is not Linux (<paramref name="refusal"/> of the guest's name).</summary>
    private async Task<GuestAgentResult<T>?> RequireLinuxAsync<T>(Func<string, string> refusal, CancellationToken cancellationToken)
    {
        var os = await GetOsInfoAsync(cancellationToken);
        if (!os.IsSuccess)
        {
            return os.As<T>();
        }

        return os.Value.Family == GuestOsFamily.Linux ? null
            : GuestAgentResult.Failure<T>(GuestAgentErrorKind.UnsupportedGuest, refusal(os.Value.PrettyName ?? os.Value.Id ?? string.Empty));
    }
}
