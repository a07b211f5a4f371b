using System.Globalization;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Shape the VMI's network with netem: delay, jitter, loss and/or a rate cap.</summary>
/// <param name="DelayMs">Added delay, 0..60000 ms.</param>
/// <param name="JitterMs">Delay variation, 0..60000 ms.</param>
/// <param name="LossPct">Packet loss, 0..100 %.</param>
/// <param name="RateKbps">Rate cap in kbit/s (1..100,000,000), or null for none.</param>
/// <param name="Ttl">How long the shaping lasts; null = until the profile changes.</param>
public sealed record ShapeNetworkAction(double DelayMs, double JitterMs, double LossPct, double? RateKbps, TimeSpan? Ttl) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.ShapeNetwork;

    /// <inheritdoc/>
    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"shape_network(delay={DelayMs}ms, jitter={JitterMs}ms, loss={LossPct}%{(RateKbps is { } r ? $", rate={r}kbps" : string.Empty)}{(Ttl is { } t ? $", ttl={t.TotalSeconds}s" : string.Empty)})");
}
