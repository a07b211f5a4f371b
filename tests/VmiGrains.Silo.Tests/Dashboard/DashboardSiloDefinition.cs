namespace VmiGrains.Silo.Tests.Dashboard;

/// <summary>The page tests share one anonymous loopback silo.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardSiloDefinition : ICollectionFixture<DashboardSiloFixture>
{
    public const string Name = "dashboard-silo";
}
