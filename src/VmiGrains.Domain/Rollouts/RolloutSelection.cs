using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Labels;

namespace VmiGrains.Domain.Rollouts;

/// <summary>
/// Which VMIs a rollout touches — the same for a real rollout and its what-if. Rule: the VMIs on the
/// profile, only those on the requested hosts when any are named, and only those whose labels match the
/// selector; of those, the ones not yet on the target version move. <see cref="FromVersions"/> counts the selection by the version it is on.
/// </summary>
/// <param name="Selected">VMIs on the profile (and hosts).</param>
/// <param name="Moving">Those not on the target version, in the order given.</param>
/// <param name="FromVersions">E.g. <c>v1: 40</c>, by version.</param>
public sealed record RolloutSelection(IReadOnlyList<VmiListItem> Selected, IReadOnlyList<VmiListItem> Moving, IReadOnlyList<string> FromVersions)
{
    /// <summary>Selects from <paramref name="onProfile"/> (the index's VMIs of the profile).</summary>
    public static RolloutSelection Of(IEnumerable<VmiListItem> onProfile, IReadOnlyList<string> hosts, int targetVersion, LabelSelector? selector = null)
    {
        ArgumentNullException.ThrowIfNull(onProfile);
        ArgumentNullException.ThrowIfNull(hosts);
        var only = hosts.ToHashSet(StringComparer.Ordinal);
        var labels = selector ?? LabelSelector.All;
        var selected = onProfile.Where(v => (only.Count == 0 || only.Contains(v.Host)) && labels.Matches(v.Labels)).ToList();
        var moving = selected.Where(v => v.ProfileVersion != targetVersion).ToList();
        var from = selected.GroupBy(v => v.ProfileVersion).OrderBy(g => g.Key).Select(g => $"v{g.Key}: {g.Count()}").ToList();
        return new RolloutSelection(selected, moving, from);
    }

    /// <summary>The moving VMIs as the plan takes them.</summary>
    public IReadOnlyList<RolloutTarget> Targets => [.. Moving.Select(v => new RolloutTarget(v.VmiId, v.Host))];
}
