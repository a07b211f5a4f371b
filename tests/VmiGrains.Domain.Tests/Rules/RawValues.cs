using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.RuleActions;

/// <summary>Short builders of <see cref="RawValue"/>s, as a rule's helpers would hand them over.</summary>
internal static class RawValues
{
    public static RawValue S(string s) => RawValue.Of(FieldValue.Of(s));

    public static RawValue N(double n) => RawValue.Of(FieldValue.Of(n));

    public static RawValue T(params (string Key, RawValue Value)[] entries) => new() { Table = entries.ToDictionary(e => e.Key, e => e.Value) };

    public static ActionValidation V(string kind, params (string Key, RawValue Value)[] fields) =>
        RuleActionValidator.Validate(new RawAction(kind, 7, fields.ToDictionary(f => f.Key, f => f.Value)));
}
