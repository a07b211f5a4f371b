using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Emit a named event (for dashboards, other rules, external sinks).</summary>
/// <param name="Name">The event name.</param>
/// <param name="Fields">Scalar fields.</param>
public sealed record EmitAction(string Name, IReadOnlyDictionary<string, FieldValue> Fields) : VmiAction
{
    /// <inheritdoc/>
    public override string Kind => ActionKinds.Emit;

    /// <inheritdoc/>
    public override string Describe() =>
        $"emit({Name}{string.Concat(Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $", {f.Key}={f.Value}"))})";
}
