namespace VmiGrains.Domain.Rules.Actions;

/// <summary>Size limits applied when validating actions.</summary>
/// <param name="MaxStringLength">Longest string accepted in any action field (characters).</param>
/// <param name="MaxEmitFields">Most fields an <c>emit</c> may carry.</param>
public sealed record ActionLimits(int MaxStringLength = 1024, int MaxEmitFields = 16)
{
    /// <summary>The defaults.</summary>
    public static readonly ActionLimits Default = new();
}
