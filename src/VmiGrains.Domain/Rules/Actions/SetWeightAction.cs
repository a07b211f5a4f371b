using System.Globalization;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Override one resource weight of the VMI's profile, optionally for a limited time.</summary>
/// <param name="Resource">Which resource.</param>
/// <param name="Value">The new weight, 0..1.</param>
/// <param name="Ttl">How long the override lasts; null = until the profile changes.</param>
public sealed record SetWeightAction(ResourceKind Resource, double Value, TimeSpan? Ttl) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.SetWeight;

    /// <inheritdoc/>
    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"set_weight({ResourceNames.NameOf(Resource)}, {Value}{(Ttl is { } t ? $", ttl={t.TotalSeconds}s" : string.Empty)})");
}
