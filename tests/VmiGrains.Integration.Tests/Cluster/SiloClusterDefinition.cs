namespace VmiGrains.Integration.Tests.Cluster;

/// <summary>The multi-process tests share one three-silo cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SiloClusterDefinition : ICollectionFixture<SiloCluster>
{
    public const string Name = "silo-processes";
}
