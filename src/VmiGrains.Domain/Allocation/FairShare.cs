namespace VmiGrains.Domain.Allocation;

/// <summary>
/// Weighted max-min fair share ("water-filling") of one resource.
/// <para>
/// Rule: every claimant gets capacity in proportion to its weight, but never more than it
/// demands; what a satisfied claimant leaves is shared again among the others in proportion to
/// their weights, until the capacity is spent or every demand is met. Claimants with weight 0 get
/// only what is left after everyone else is satisfied (in proportion to demand).
/// </para>
/// The result never exceeds the capacity, never exceeds a claimant's demand, and is deterministic.
/// </summary>
public static class FairShare
{
    /// <summary>Allocates <paramref name="capacity"/> among <paramref name="claims"/>; the result is index-aligned.</summary>
    public static double[] Allocate(double capacity, IReadOnlyList<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var result = new double[claims.Count];
        var remaining = Clean(capacity);
        var active = new List<int>();
        for (var i = 0; i < claims.Count; i++)
        {
            if (Clean(claims[i].Weight) > 0 && Clean(claims[i].Demand) > 0)
            {
                active.Add(i);
            }
        }

        // Each round either satisfies at least one claimant or spends everything: at most n rounds.
        while (active.Count > 0 && remaining > 1e-12)
        {
            var totalWeight = active.Sum(i => Clean(claims[i].Weight));
            var satisfied = active.Where(i => Want(claims[i], result[i]) <= remaining * Clean(claims[i].Weight) / totalWeight).ToList();
            if (satisfied.Count == 0)
            {
                var pool = remaining;
                foreach (var i in active)
                {
                    result[i] += pool * Clean(claims[i].Weight) / totalWeight;
                }

                remaining = 0;
                break;
            }

            foreach (var i in satisfied)
            {
                var grant = Want(claims[i], result[i]);
                result[i] += grant;
                remaining -= grant;
                active.Remove(i);
            }
        }

        GiveLeftoverToWeightless(claims, result, remaining);
        return result;
    }

    private static void GiveLeftoverToWeightless(IReadOnlyList<Claim> claims, double[] result, double remaining)
    {
        var weightless = Enumerable.Range(0, claims.Count).Where(i => Clean(claims[i].Weight) == 0 && Clean(claims[i].Demand) > 0).ToList();
        var totalDemand = weightless.Sum(i => Math.Min(Clean(claims[i].Demand), 1e12));
        if (remaining <= 1e-12 || totalDemand <= 0)
        {
            return;
        }

        var fraction = Math.Min(1, remaining / totalDemand);
        foreach (var i in weightless)
        {
            result[i] = Math.Min(Clean(claims[i].Demand), 1e12) * fraction;
        }
    }

    private static double Want(Claim claim, double granted) => Math.Max(0, Clean(claim.Demand) - granted);

    private static double Clean(double value) => double.IsNaN(value) || value < 0 ? 0 : value;
}
