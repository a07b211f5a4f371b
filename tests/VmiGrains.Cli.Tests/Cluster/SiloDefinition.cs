namespace VmiGrains.Cli.Tests.Cluster;

/// <summary>CLI tests against one shared silo process.</summary>
[CollectionDefinition(Name)]
public sealed class SiloDefinition : ICollectionFixture<SiloProcessFixture>
{
    public const string Name = "silo";
}
