namespace VmiGrains.Domain.Rules;

/// <summary>Why a rule failed.</summary>
public enum RuleErrorKind
{
    /// <summary>The script does not compile.</summary>
    Compile,

    /// <summary>The script raised an error (including calling something the sandbox does not offer).</summary>
    Runtime,

    /// <summary>The instruction budget of one evaluation was spent.</summary>
    InstructionBudget,

    /// <summary>The memory budget of the Lua state was exceeded.</summary>
    MemoryBudget,

    /// <summary>The wall-clock limit of one evaluation was exceeded (it includes time the host did not run the rule).</summary>
    WallClock,

    /// <summary>The rule returned something that is not a valid action list.</summary>
    InvalidAction,

    /// <summary>The rule left <c>vmi.state</c> with values that do not fit the limits.</summary>
    InvalidState,

    /// <summary>The CPU time limit of one evaluation was exceeded.</summary>
    CpuTime,
}
