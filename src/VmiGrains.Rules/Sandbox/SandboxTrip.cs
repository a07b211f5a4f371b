namespace VmiGrains.Rules.Sandbox;

/// <summary>Why a call was stopped; the values of <see cref="SandboxControl.Tripped"/>.</summary>
internal static class SandboxTrip
{
    public const int None = 0;
    public const int Instructions = 1;
    public const int WallClock = 2;
    public const int Memory = 3;
    public const int AllocationSize = 4;
    public const int CpuTime = 5;
}
