using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Rules;

/// <summary>
/// Checks that a rule script compiles. Profile validation calls it when one is supplied, so that
/// a Lua syntax error is reported with the rule's name and line like any other field error.
/// Implemented by <c>VmiGrains.Rules</c>; the domain does not know Lua.
/// </summary>
public interface IRuleCompiler
{
    /// <summary>The compile errors of <paramref name="script"/>; empty when it compiles.</summary>
    IReadOnlyList<RuleCompileError> Check(RuleScript script);
}
