namespace VmiGrains.Grains.Vmis;

/// <summary>Log messages of <see cref="VmiGrain"/>.</summary>
internal sealed partial class VmiGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "VMI {VmiId} ({Name}): profile {ProfileId} v{Version} attached ({Reason})")]
    private partial void LogAttached(string vmiId, string name, string profileId, int version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: profile {ProfileId} v{Version} could not be loaded on activation: {Error}")]
    private partial void LogProfileMissing(string vmiId, string profileId, int version, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: host {Host} is unavailable; its allocation follows when the host's silo returns")]
    private partial void LogHostUnavailable(string vmiId, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: {Error}")]
    private partial void LogRuleError(string vmiId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: rule {Rule} disabled after {Failures} failures in a row")]
    private partial void LogRuleDisabled(string vmiId, string rule, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: rule evaluation paused by {Switch}")]
    private partial void LogRulesPaused(string vmiId, string @switch);

    [LoggerMessage(Level = LogLevel.Information, Message = "VMI {VmiId}: {Reason}: {Message}")]
    private partial void LogRuleMessage(string vmiId, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: the windows checkpoint does not match this version's windows; starting with empty windows")]
    private partial void LogCheckpointIgnored(string vmiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "VMI {VmiId}: undid {Kind} ({Reason})")]
    private partial void LogUndone(string vmiId, string kind, string reason);
}
