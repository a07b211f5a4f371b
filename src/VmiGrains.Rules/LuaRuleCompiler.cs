using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Rules;
using VmiGrains.Rules.Engine;
using VmiGrains.Rules.Native;
using VmiGrains.Rules.Sandbox;

namespace VmiGrains.Rules;

/// <summary>
/// Checks that a rule compiles as Lua 5.4 text (mode "t": precompiled bytecode is refused).
/// Loading runs no rule code. Thread-safe: each call uses its own short-lived state.
/// </summary>
public sealed class LuaRuleCompiler : IRuleCompiler
{
    private static readonly SandboxLimits CompileLimits = new(1_000_000, 64L * 1024 * 1024, TimeSpan.FromSeconds(1), 4096, 64L * 1024 * 1024, TimeSpan.FromSeconds(1));

    /// <inheritdoc/>
    public IReadOnlyList<RuleCompileError> Check(RuleScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        using var sandbox = new LuaSandbox(CompileLimits);
        if (sandbox.Load(script.Source, "=" + script.Name) == LuaNative.Ok)
        {
            return [];
        }

        var message = sandbox.PopMessage();
        var (line, text) = LuaErrorText.Split(message, script.Name);
        return [new RuleCompileError(line, text)];
    }
}
