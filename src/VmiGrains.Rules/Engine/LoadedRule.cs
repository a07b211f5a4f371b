using VmiGrains.Domain.Rules;

namespace VmiGrains.Rules.Engine;

/// <summary>
/// A rule loaded into one Lua state: registry references of its handlers (0 = not defined) and of
/// the sealing check that restores shared top-level locals after each call (0 = nothing to check),
/// or why it failed to load.
/// </summary>
internal sealed record LoadedRule(string Name, int OnTickRef, int OnEventRef, int CheckRef, RuleError? LoadError);
