using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Rollouts;

/// <summary>The rollout as clients see it.</summary>
internal sealed partial class RolloutGrain
{
    private RolloutView View() => new()
    {
        Id = Id,
        Request = S.Request!,
        ToVersion = S.ToVersion,
        FromVersions = [.. S.FromVersions],
        Status = S.Status,
        StatusReason = S.StatusReason,
        Total = S.Waves.Sum(w => w.Count),
        Switched = S.Progress.Sum(p => p.Switched.Values.Sum()),
        StartedBy = S.StartedBy,
        StartedAt = S.StartedAt,
        FinishedAt = S.FinishedAt,
        Decisions = [.. S.Decisions],
        Waves = [.. S.Waves.Zip(S.Progress, (w, p) => new RolloutWaveView(w.Name, p.Status, w.Count,
            [.. w.Hosts.Select(h => new RolloutHostView(h.Host, h.VmiIds.Count, p.Switched.GetValueOrDefault(h.Host), [.. p.Errors.GetValueOrDefault(h.Host) ?? []]))],
            p.Gate, p.SoakUntil))],
    };
}
