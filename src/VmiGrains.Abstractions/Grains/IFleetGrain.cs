using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>Cluster-wide views (key <c>"default"</c>): hosts, VMIs and their profiles.</summary>
[Alias("VmiGrains.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    /// <summary>Every known host; <see cref="HostSummary.Available"/> says whether its silo answers.</summary>
    [Alias("Hosts"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<HostSummary>> ListHostsAsync();

    /// <summary>VMIs, optionally only those on <paramref name="host"/> or using <paramref name="profileId"/>.</summary>
    [Alias("Vmis"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<VmiListItem>> ListVmisAsync(string? host = null, string? profileId = null);

    /// <summary>The UUID of a VMI given its UUID or its name; null when unknown (or ambiguous names).</summary>
    [Alias("Resolve"), RequiresScope(Scopes.Read)]
    Task<string?> ResolveAsync(string nameOrId);
}
