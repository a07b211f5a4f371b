namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>Cluster tests share one three-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
