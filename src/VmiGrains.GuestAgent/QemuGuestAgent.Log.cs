using Microsoft.Extensions.Logging;
using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent;

/// <summary>Log messages of <see cref="QemuGuestAgent"/>.</summary>
public sealed partial class QemuGuestAgent
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Agent}: {Command} failed: {Kind}: {Error}")]
    private static partial void LogCallFailed(ILogger logger, string agent, string command, GuestAgentErrorKind kind, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Agent}: started pid {Pid}: {Command}")]
    private static partial void LogStarted(ILogger logger, string agent, long pid, GuestCommand command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent}: pid {Pid} still runs after its limit of {Limit}; terminating it")]
    private static partial void LogOverran(ILogger logger, string agent, long pid, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Agent}: set {App} to nice {Nice}: pids {Pids}")]
    private static partial void LogReprioritised(ILogger logger, string agent, string app, int nice, IReadOnlyList<long> pids);
}
