using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>
/// The VMI index spread over <see cref="Buckets"/> grains by a stable hash of the VMI id (FNV-1a,
/// the same in every process and release — the bucket count and hash are part of the stored
/// layout and must not change). At 100,000 VMIs a bucket holds ~100, so each report rewrites ~10 KiB,
/// not the fleet (with 256, a rollout step cost 4× more at 100,000 VMIs than at 20,000), and a
/// bucket stays far below Azure Table's 1 MiB entity limit up to millions of VMIs.
/// </summary>
internal static class VmiIndex
{
    /// <summary>How many buckets the index has.</summary>
    public const int Buckets = 1024;

    /// <summary>The bucket grain of <paramref name="vmiId"/>.</summary>
    public static IVmiIndexGrain For(IGrainFactory grains, string vmiId) => grains.GetGrain<IVmiIndexGrain>(BucketOf(vmiId));

    /// <summary>FNV-1a (32 bit) over the id's UTF-16 code units, modulo <see cref="Buckets"/>.</summary>
    public static int BucketOf(string vmiId)
    {
        ArgumentNullException.ThrowIfNull(vmiId);
        var hash = 2166136261u;
        foreach (var c in vmiId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Buckets);
    }

    /// <summary>Every VMI of every bucket (asked in parallel), optionally filtered.</summary>
    public static async Task<List<VmiListItem>> ListAsync(IGrainFactory grains, string? host = null, string? profileId = null)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, Buckets).Select(b => grains.GetGrain<IVmiIndexGrain>(b).ListAsync(host, profileId)));
        return [.. parts.SelectMany(p => p)];
    }

    /// <summary>How many VMIs use each profile, over every bucket.</summary>
    public static async Task<Dictionary<string, int>> CountByProfileAsync(IGrainFactory grains)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, Buckets).Select(b => grains.GetGrain<IVmiIndexGrain>(b).CountByProfileAsync()));
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (profile, count) in parts.SelectMany(p => p))
        {
            total[profile] = total.GetValueOrDefault(profile) + count;
        }

        return total;
    }
}
