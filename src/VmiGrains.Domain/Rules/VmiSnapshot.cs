using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// What a rule sees of one VMI (read-only in Lua as <c>vmi</c>): id, profile, the windows' stats,
/// recent events, the current time and the rules' own persisted <see cref="VmiRuleState"/>.
/// </summary>
/// <param name="VmiId">The VMI (libvirt domain UUID).</param>
/// <param name="ProfileId">The profile currently applied.</param>
/// <param name="Metrics">The windows' stats at <see cref="TelemetrySummary.At"/>, which is also <c>vmi.now</c>.</param>
/// <param name="RecentEvents">Recent events, oldest first (bounded by the grain's <see cref="Telemetry.RecentEvents"/>).</param>
/// <param name="State">The rules' persisted state for this VMI.</param>
public sealed record VmiSnapshot(
    string VmiId,
    string ProfileId,
    TelemetrySummary Metrics,
    IReadOnlyList<TelemetryEvent> RecentEvents,
    VmiRuleState State)
{
    /// <summary>The evaluation instant.</summary>
    public DateTimeOffset Now => Metrics.At;
}
