using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>The cluster's rollouts (key <c>"default"</c>): which run, newest first.</summary>
[Alias("VmiGrains.IRolloutCatalogGrain")]
public interface IRolloutCatalogGrain : IGrainWithStringKey
{
    /// <summary>The most recent rollouts (at most 100), newest first.</summary>
    [Alias("List"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<RolloutView>> ListAsync();
}
