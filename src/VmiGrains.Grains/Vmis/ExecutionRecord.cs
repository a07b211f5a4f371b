using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Guests;

namespace VmiGrains.Grains.Vmis;

/// <summary>A triggered program: the agent's handle (to ask for its status) and the last known view.</summary>
[GenerateSerializer, Alias("VmiGrains.ExecutionRecord")]
public sealed class ExecutionRecord
{
    /// <summary>The agent's handle.</summary>
    [Id(0)] public required ExecHandle Handle { get; set; }

    /// <summary>The last status seen; final once not running.</summary>
    [Id(1)] public required ExecutionView View { get; set; }
}
