using System.Globalization;
using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Protocol;

namespace VmiGrains.GuestAgent;

/// <summary>Program execution: <c>guest-exec</c>, <c>guest-exec-status</c> polling, time limits, priorities.</summary>
public sealed partial class QemuGuestAgent
{
    /// <summary>coreutils <c>timeout --kill-after</c>: how long past its limit a program may linger before SIGKILL.</summary>
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public async Task<GuestAgentResult<ExecHandle>> StartAsync(ExecRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // First without the OS, so that bad input is refused even when the agent is unreachable.
        var errors = ExecRequestValidator.Validate(request, GuestOsFamily.Unknown);
        if (errors.Count > 0)
        {
            return GuestAgentResult.Failure<ExecHandle>(GuestAgentError.Invalid(errors));
        }

        var builder = await BuilderAsync(cancellationToken);
        if (!builder.IsSuccess)
        {
            return builder.As<ExecHandle>();
        }

        errors = ExecRequestValidator.Validate(request, builder.Value.Family);
        if (errors.Count > 0)
        {
            return GuestAgentResult.Failure<ExecHandle>(GuestAgentError.Invalid(errors));
        }

        return await ExecAsync(builder.Value.Start(request), builder.Value.Family, request, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<ExecStatus>> GetStatusAsync(ExecHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (_finished.TryGet(handle.Pid, out var final))
        {
            return GuestAgentResult.Success(final);
        }

        var reply = await CallAsync(QgaCommands.ExecStatus, QgaCommands.ExecStatusOf(handle.Pid), cancellationToken);
        if (!reply.IsSuccess)
        {
            return reply.Error is { Kind: GuestAgentErrorKind.CommandFailed, ErrorDescription: { } desc } && desc.Contains("'pid'", StringComparison.Ordinal)
                ? GuestAgentResult.Failure<ExecStatus>(new GuestAgentError(GuestAgentErrorKind.ProcessNotFound,
                    $"guest-exec-status: the agent does not know pid {handle.Pid}: its exit was already reported to another client, or qemu-ga restarted after starting it; its result is lost, start the program again if needed",
                    reply.Error.ErrorClass, desc))
                : reply.As<ExecStatus>();
        }

        var status = Shape(QgaCommands.ExecStatus, reply.Value, v => QgaParsers.Status(handle.Pid, v, _options.MaxOutputBytes));
        if (status.IsSuccess && status.Value.State == ExecState.Exited)
        {
            var timedOut = handle.Timeout is { } limit && status.Value.ExitCode is { } code
                && (GuestCommandBuilders.For(handle.Family)?.IsTimeoutExit(code) ?? false)
                && _time.GetUtcNow() - handle.StartedAt >= handle.Timeout.Value;
            var done = status.Value with { TimedOut = timedOut };
            _finished.Add(done);
            return GuestAgentResult.Success(done);
        }

        return status;
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<ExecStatus>> RunAsync(ExecRequest request, CancellationToken cancellationToken = default)
    {
        var started = await StartAsync(request, cancellationToken);
        if (!started.IsSuccess)
        {
            return started.As<ExecStatus>();
        }

        var handle = started.Value;
        var wait = handle.Timeout is { } limit ? limit + KillAfter + _options.TimeoutGrace : (TimeSpan?)null;
        var status = await WaitAsync(handle, wait, cancellationToken);
        if (status is null)
        {
            LogOverran(_logger, _transport.Describe, handle.Pid, handle.Timeout!.Value);
            var terminated = await TerminateAsync(handle, cancellationToken);
            return GuestAgentResult.Failure<ExecStatus>(GuestAgentErrorKind.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"{handle.Command.Path}: pid {handle.Pid} still ran {wait!.Value.TotalSeconds:0} s after start, past its limit of {handle.Timeout!.Value.TotalSeconds:0.###} s; termination {(terminated is { IsSuccess: true, Value: true } ? "requested" : "failed")}; check that the guest has /usr/bin/timeout (Linux) or PowerShell (Windows)"));
        }

        return status;
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<bool>> TerminateAsync(ExecHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (GuestCommandBuilders.For(handle.Family) is not { } builder)
        {
            return GuestAgentResult.Failure<bool>(GuestAgentErrorKind.UnsupportedGuest, $"pid {handle.Pid}: no command builder for guest family {handle.Family}");
        }

        var status = await RunHelperAsync(builder.Terminate(handle.Pid), builder.Family, cancellationToken);
        return status.IsSuccess ? GuestAgentResult.Success(status.Value.ExitCode == 0) : status.As<bool>();
    }

    /// <inheritdoc/>
    public async Task<GuestAgentResult<ReprioritiseResult>> ReprioritiseAsync(string app, int nice, CancellationToken cancellationToken = default)
    {
        var errors = ExecRequestValidator.ValidateReprioritise(app, nice);
        if (errors.Count > 0)
        {
            return GuestAgentResult.Failure<ReprioritiseResult>(GuestAgentError.Invalid(errors));
        }

        var builder = await BuilderAsync(cancellationToken);
        if (!builder.IsSuccess)
        {
            return builder.As<ReprioritiseResult>();
        }

        var status = await RunHelperAsync(builder.Value.Reprioritise(app, nice), builder.Value.Family, cancellationToken);
        if (!status.IsSuccess)
        {
            return status.As<ReprioritiseResult>();
        }

        if (status.Value.ExitCode != 0)
        {
            return GuestAgentResult.Failure<ReprioritiseResult>(GuestAgentErrorKind.CommandFailed, string.Create(CultureInfo.InvariantCulture,
                $"reprioritise app \"{app}\" to nice {nice}: the guest command exited with {status.Value.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? $"signal {status.Value.Signal}"}: {status.Value.StdErr.Trim()}; check that the guest has pgrep/renice (Linux) or PowerShell (Windows)"));
        }

        var pids = status.Value.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => long.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1)
            .Where(p => p > 0)
            .ToList();
        LogReprioritised(_logger, _transport.Describe, app, nice, pids);
        return GuestAgentResult.Success(new ReprioritiseResult(app, nice, pids));
    }

    private async Task<GuestAgentResult<IGuestCommandBuilder>> BuilderAsync(CancellationToken cancellationToken)
    {
        var os = await GetOsInfoAsync(cancellationToken);
        if (!os.IsSuccess)
        {
            return os.As<IGuestCommandBuilder>();
        }

        return GuestCommandBuilders.For(os.Value.Family) is { } builder
            ? GuestAgentResult.Success(builder)
            : GuestAgentResult.Failure<IGuestCommandBuilder>(GuestAgentErrorKind.UnsupportedGuest,
                $"guest-get-osinfo: the guest OS \"{os.Value.PrettyName ?? os.Value.Id}\" is neither Linux nor Windows; program execution and priorities support only those");
    }

    private async Task<GuestAgentResult<ExecHandle>> ExecAsync(GuestCommand command, GuestOsFamily family, ExecRequest request, CancellationToken cancellationToken)
    {
        // The start is taken before the request goes out: the guest's `timeout` starts counting
        // after that, so a program it kills at its limit is always seen at least that long after
        // this instant. Taken after the reply, agent latency made such runs look "not timed out".
        var sent = _time.GetUtcNow();
        var reply = await CallAsync(QgaCommands.Exec, QgaCommands.ExecOf(command, request.Environment, request.Input, request.CaptureOutput), cancellationToken);
        if (!reply.IsSuccess)
        {
            return reply.As<ExecHandle>();
        }

        var pid = Shape(QgaCommands.Exec, reply.Value, QgaParsers.Pid);
        if (!pid.IsSuccess)
        {
            return pid.As<ExecHandle>();
        }

        _finished.Forget(pid.Value);
        LogStarted(_logger, _transport.Describe, pid.Value, command);
        return GuestAgentResult.Success(new ExecHandle(pid.Value, sent, request.Timeout, command, family));
    }

    /// <summary>Runs one of the builder's short helper commands and waits at most the command timeout for it.</summary>
    private async Task<GuestAgentResult<ExecStatus>> RunHelperAsync(GuestCommand command, GuestOsFamily family, CancellationToken cancellationToken)
    {
        var started = await ExecAsync(command, family, new ExecRequest(command.Path, command.Args), cancellationToken);
        if (!started.IsSuccess)
        {
            return started.As<ExecStatus>();
        }

        return await WaitAsync(started.Value, _options.CommandTimeout, cancellationToken)
            ?? GuestAgentResult.Failure<ExecStatus>(GuestAgentErrorKind.Timeout,
                $"{command.Path}: the helper command (pid {started.Value.Pid}) did not finish within {_options.CommandTimeout.TotalSeconds:0.###} s; the guest may be overloaded, retry");
    }

    /// <summary>
    /// Polls until the program exits or <paramref name="limit"/> passes (then <c>null</c>), each delay an eighth
    /// of the time it has run (between <see cref="GuestAgentOptions.PollInitialDelay"/> and
    /// <see cref="GuestAgentOptions.PollMaxDelay"/>). Doubling delays overshot by up to half the run: a 0.6 s
    /// observer script was seen finished after 1.1 s.
    /// </summary>
    private async Task<GuestAgentResult<ExecStatus>?> WaitAsync(ExecHandle handle, TimeSpan? limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await GetStatusAsync(handle, cancellationToken);
            if (!status.IsSuccess || status.Value.State == ExecState.Exited)
            {
                return status;
            }

            if (limit is { } l && _time.GetUtcNow() - handle.StartedAt > l)
            {
                return null;
            }

            var ran = _time.GetUtcNow() - handle.StartedAt;
            var delay = TimeSpan.FromTicks(Math.Clamp(ran.Ticks / 8, _options.PollInitialDelay.Ticks, Math.Max(_options.PollInitialDelay.Ticks, _options.PollMaxDelay.Ticks)));
            await Task.Delay(delay, _time, cancellationToken);
        }
    }
}
