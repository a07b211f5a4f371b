namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// One named Lua script. A script defines <c>on_tick(vmi)</c> and/or <c>on_event(vmi, event)</c>.
/// A document that gives <c>behavioral_rules</c> as a single string gets one script named <c>main</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RuleScript")]
public sealed record RuleScript(
    [property: Id(0)] string Name,
    [property: Id(1)] string Source);
