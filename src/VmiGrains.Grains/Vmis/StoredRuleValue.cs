using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Grains.Vmis;

/// <summary>One <c>vmi.state</c> entry as stored with the VMI (<see cref="FieldValue"/> stays free of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.StoredRuleValue")]
public sealed record StoredRuleValue(
    [property: Id(0)] FieldValueKind Kind,
    [property: Id(1)] string? Text,
    [property: Id(2)] double Number)
{
    /// <summary>The stored form of <paramref name="value"/>.</summary>
    public static StoredRuleValue From(FieldValue value) => new(value.Kind, value.Text, value.Number);

    /// <summary>Back to the value the rules see.</summary>
    public FieldValue ToValue() => Kind switch
    {
        FieldValueKind.Text => FieldValue.Of(Text ?? string.Empty),
        FieldValueKind.Logical => FieldValue.Of(Number != 0),
        _ => FieldValue.Of(Number),
    };
}
