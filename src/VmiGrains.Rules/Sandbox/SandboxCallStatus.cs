namespace VmiGrains.Rules.Sandbox;

/// <summary>How a protected call into rule code ended.</summary>
internal enum SandboxCallStatus
{
    Ok,
    Error,
    InstructionBudget,
    WallClock,
    Memory,
    AllocationSize,
    CpuTime,
}
