namespace VmiGrains.Rules.Sandbox;

/// <summary>The budgets one Lua state enforces (copied from <see cref="RulesOptions"/>).</summary>
/// <param name="InstructionBudget">VM instructions per call.</param>
/// <param name="MemoryLimitBytes">Cap on the state's heap during a call.</param>
/// <param name="WallClock">Wall-clock limit per call (includes time the machine did not run it).</param>
/// <param name="MaxStringLength">Longest string <c>string.rep</c> may build (bytes).</param>
/// <param name="MaxAllocationBytes">Largest single allocation during a call (bytes).</param>
/// <param name="CpuTime">CPU time of the calling thread per call.</param>
internal sealed record SandboxLimits(long InstructionBudget, long MemoryLimitBytes, TimeSpan WallClock, int MaxStringLength, long MaxAllocationBytes, TimeSpan CpuTime)
{
    public static SandboxLimits From(RulesOptions options) => new(
        options.InstructionBudget,
        options.MemoryLimitBytes,
        options.WallClockLimit,
        options.MaxStringLength,
        options.MaxAllocationBytes,
        options.CpuTimeLimit);
}
