using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Allocation;

/// <summary>
/// Plans a host's allocation: for each resource independently, a weighted max-min fair share
/// (<see cref="FairShare"/>) of the whole host among the VMIs' claims. Zero-sum: the shares of each
/// resource add up to at most 1.
/// </summary>
public static class HostPlanner
{
    /// <summary>The planned shares per VMI id.</summary>
    public static IReadOnlyDictionary<string, ResourceShares> Plan(IReadOnlyList<VmiClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var perResource = new Dictionary<ResourceKind, double[]>();
        foreach (var resource in Enum.GetValues<ResourceKind>())
        {
            perResource[resource] = FairShare.Allocate(1.0, [.. claims.Select(c => new Claim(c.Weights[resource], c.Demand[resource]))]);
        }

        var plan = new Dictionary<string, ResourceShares>(claims.Count, StringComparer.Ordinal);
        for (var i = 0; i < claims.Count; i++)
        {
            var index = i;
            plan[claims[i].VmiId] = ResourceShares.From(resource => perResource[resource][index]);
        }

        return plan;
    }
}
