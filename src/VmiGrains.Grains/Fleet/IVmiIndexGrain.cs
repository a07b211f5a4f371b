using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>
/// One bucket of the cluster's VMI index (key: bucket number, see <see cref="VmiIndex"/>): the last
/// report of each VMI that hashes to it — name, host, profile. The fleet lists and the profile
/// catalog ask every bucket; a VMI writes only its own, so no grain holds (or rewrites) the whole fleet.
/// </summary>
[Alias("VmiGrains.IVmiIndexGrain")]
public interface IVmiIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Records a VMI's report; durable when the call returns.</summary>
    [Alias("Report")]
    Task ReportAsync(VmiListItem vmi);

    /// <summary>Unlists a VMI whose domain was undefined (still resolvable by UUID); durable when the call returns.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string vmiId);

    /// <summary>Whether the bucket knows the VMI, listed or gone.</summary>
    [Alias("Knows"), ReadOnly]
    Task<bool> KnowsAsync(string vmiId);

    /// <summary>The bucket's VMIs, optionally only those on <paramref name="host"/> or using <paramref name="profileId"/>.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<VmiListItem>> ListAsync(string? host, string? profileId);

    /// <summary>How many of the bucket's VMIs use each profile.</summary>
    [Alias("CountByProfile"), ReadOnly]
    Task<IReadOnlyDictionary<string, int>> CountByProfileAsync();
}
