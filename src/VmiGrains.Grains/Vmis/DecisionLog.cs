using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Vmis;

/// <summary>Appends to a bounded decision log, dropping the oldest entries.</summary>
internal static class DecisionLog
{
    /// <summary>Most decisions kept per VMI.</summary>
    public const int Capacity = 200;

    public static void Add(List<Decision> log, Decision decision)
    {
        log.Add(decision);
        if (log.Count > Capacity)
        {
            log.RemoveRange(0, log.Count - Capacity);
        }
    }
}
