using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Network;

internal sealed partial class NetworkEnforcer
{
    [LoggerMessage(1, LogLevel.Information, "Network policy for VMI {VmiId} on {Taps}: {RuleCount} rules, default {Default}")]
    private partial void LogPolicyApplied(string vmiId, string taps, int ruleCount, PolicyDefault @default);

    [LoggerMessage(2, LogLevel.Information, "Network policy of VMI {VmiId} removed")]
    private partial void LogPolicyRemoved(string vmiId);

    [LoggerMessage(3, LogLevel.Information, "Shaping VMI {VmiId} on {Taps}: delay {DelayMs} ms, jitter {JitterMs} ms, loss {LossPercent} %, rate {RateKbit} kbit/s")]
    private partial void LogShaped(string vmiId, string taps, double? delayMs, double? jitterMs, double? lossPercent, long? rateKbit);

    [LoggerMessage(4, LogLevel.Information, "Shaping of VMI {VmiId} cleared")]
    private partial void LogShapingCleared(string vmiId);

    [LoggerMessage(5, LogLevel.Information, "Network reconcile removed {Chains} chains, {Elements} dispatch entries, {Qdiscs} qdiscs")]
    private partial void LogReconciled(int chains, int elements, int qdiscs);

    [LoggerMessage(7, LogLevel.Information, "Outbound limit of VMI {VmiId} on {Taps}: {RateKbit} kbit/s (null: none)")]
    private partial void LogOutboundLimited(string vmiId, string taps, long? rateKbit);

    [LoggerMessage(6, LogLevel.Warning, "Network command failed: {Command}: {Error}")]
    private partial void LogFailed(string command, string error);
}
