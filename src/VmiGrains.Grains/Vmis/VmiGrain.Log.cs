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

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: {Kind} undone late, {Late}")]
    private partial void LogUndoLate(string vmiId, string kind, string late);

    [LoggerMessage(Level = LogLevel.Information, Message = "VMI {VmiId}: undid {Kind} ({Reason})")]
    private partial void LogUndone(string vmiId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "VMI {VmiId}: its domain was undefined from host {Host}; it left the fleet (its profile is kept)")]
    private partial void LogDomainGone(string vmiId, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: identity conflict — host {Host} has it, host {Other} also defines this UUID (as '{OtherName}'); the VMI stays with {Host}")]
    private partial void LogIdentityConflict(string vmiId, string host, string other, string otherName);

    [LoggerMessage(Level = LogLevel.Error, Message = "VMI {VmiId}: storage {Provider} did not take a write ({Reason}); the change is dropped and the VMI re-activates from storage")]
    private partial void LogWriteFailed(string vmiId, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: stored state was over its bounds ({What}); trimmed on activation")]
    private partial void LogStateTrimmed(string vmiId, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: the {Observer} observer could not read the guest ({Kind}): {Error}")]
    private partial void LogObserverFailed(string vmiId, string observer, Domain.Guests.GuestAgentErrorKind kind, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "VMI {VmiId}: rule {Rule}'s run(...) refused: {Reason}")]
    private partial void LogRunRefused(string vmiId, string rule, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {VmiId}: reporting to the VMI index failed ({Error}); 'vmi vm list' may miss it until the host's next discovery reports it again")]
    private partial void LogIndexReportFailed(string vmiId, string error);
}
