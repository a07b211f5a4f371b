namespace VmiGrains.Rules.Sandbox.Patterns;

/// <summary>
/// How one pattern scan ended. Non-negative values of <see cref="PatternMatcher.Scan"/> results are
/// capture counts of a match; these are the other outcomes. The Lua side turns each into the
/// error text Lua's own string library would raise.
/// </summary>
internal enum PatternOutcome
{
    /// <summary>No position from the start on matched.</summary>
    NoMatch = -1,

    /// <summary>The step budget or the wall clock ran out; the sandbox is tripped.</summary>
    Budget = -2,

    /// <summary>Recursion deeper than Lua allows ("pattern too complex").</summary>
    TooComplex = -3,

    /// <summary>The pattern ends with a lone '%'.</summary>
    EndsWithEscape = -4,

    /// <summary>A '[' set without its ']'.</summary>
    MissingBracket = -5,

    /// <summary>'%b' without its two characters.</summary>
    BalanceArguments = -6,

    /// <summary>'%f' not followed by '['.</summary>
    FrontierBracket = -7,

    /// <summary>A back reference to a capture that is not closed or does not exist.</summary>
    InvalidCaptureIndex = -8,

    /// <summary>A ')' without its '('.</summary>
    InvalidPatternCapture = -9,

    /// <summary>More than 32 captures.</summary>
    TooManyCaptures = -10,
}
