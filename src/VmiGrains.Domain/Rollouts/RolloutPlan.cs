using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// Splits a rollout's VMIs into a canary and waves of growing size, each grouped per host.
/// Rule: VMIs are taken host by host (hosts and VMIs in ordinal order), so a wave touches as few hosts
/// as it can and each host gets its VMIs of a wave together. The canary takes <see cref="CanarySize"/>
/// VMIs; the first wave after it takes <c>firstWavePercent</c> % of all selected VMIs (at least one), and
/// every next wave <c>growth</c> times the previous one, until none are left. Deterministic: the same
/// selection gives the same plan.
/// </summary>
public static class RolloutPlan
{
    /// <summary>Most VMIs one rollout moves.</summary>
    public const int MaxVmis = 1_000_000;

    /// <summary>The waves for <paramref name="targets"/>; none when nothing is selected.</summary>
    public static IReadOnlyList<RolloutWave> Create(IReadOnlyList<RolloutTarget> targets, CanarySize canary, int firstWavePercent, int growth)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(canary);
        Validate(firstWavePercent, growth);
        var ordered = targets.DistinctBy(t => t.VmiId, StringComparer.Ordinal)
            .OrderBy(t => t.Host, StringComparer.Ordinal).ThenBy(t => t.VmiId, StringComparer.Ordinal).ToList();
        var waves = new List<RolloutWave>();
        var taken = 0;
        var size = canary.Of(ordered.Count);
        var next = Math.Max(1, (int)Math.Ceiling(ordered.Count * firstWavePercent / 100.0));
        while (taken < ordered.Count)
        {
            var slice = ordered.Skip(taken).Take(size).ToList();
            waves.Add(new RolloutWave(waves.Count, waves.Count == 0, [.. slice.GroupBy(t => t.Host, StringComparer.Ordinal)
                .Select(g => new HostBatch(g.Key, [.. g.Select(t => t.VmiId)]))]));
            taken += slice.Count;
            size = waves.Count == 1 ? next : (int)Math.Min(int.MaxValue, (long)size * growth);
        }

        return waves;
    }

    /// <summary>Refuses a first-wave percentage outside 1–100 or a growth factor outside 1–10.</summary>
    public static void Validate(int firstWavePercent, int growth)
    {
        var errors = new List<ValidationError>();
        if (firstWavePercent is < 1 or > 100)
        {
            errors.Add(new ValidationError("batch", "must be a percentage from 1 to 100", firstWavePercent.ToString(System.Globalization.CultureInfo.InvariantCulture), "e.g. 10: the first wave after the canary moves 10 % of the VMIs"));
        }

        if (growth is < 1 or > 10)
        {
            errors.Add(new ValidationError("growth", "must be from 1 to 10", growth.ToString(System.Globalization.CultureInfo.InvariantCulture), "2 doubles each wave; 1 keeps every wave the size of the first"));
        }

        if (errors.Count > 0)
        {
            throw new InvalidRequestException(errors);
        }
    }
}
