namespace VmiGrains.Silo.Health;

/// <summary>The state type <c>/readyz</c> reads from each grain storage (never written: a read proves the store answers).</summary>
[GenerateSerializer, Alias("VmiGrains.ReadinessProbeState")]
internal sealed class ReadinessProbeState
{
    [Id(0)]
    public int Unused { get; set; }
}
