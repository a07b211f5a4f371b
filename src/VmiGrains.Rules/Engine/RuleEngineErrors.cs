using VmiGrains.Domain.Rules;
using VmiGrains.Rules.Sandbox;

namespace VmiGrains.Rules.Engine;

/// <summary>Maps sandbox outcomes to rule error kinds.</summary>
internal static class RuleEngineErrors
{
    public static RuleErrorKind KindOf(SandboxCallStatus status) => status switch
    {
        SandboxCallStatus.InstructionBudget => RuleErrorKind.InstructionBudget,
        SandboxCallStatus.WallClock => RuleErrorKind.WallClock,
        SandboxCallStatus.CpuTime => RuleErrorKind.CpuTime,
        SandboxCallStatus.Memory or SandboxCallStatus.AllocationSize => RuleErrorKind.MemoryBudget,
        _ => RuleErrorKind.Runtime,
    };

    public static string Decorate(SandboxCallStatus status, string message, long memoryLimit) => status == SandboxCallStatus.Memory
        ? $"memory budget of {memoryLimit} bytes exceeded ({message}); build smaller tables and strings or raise Rules:MemoryLimitBytes"
        : message;
}
