namespace VmiGrains.Silo.Tests.Api;

/// <summary>The REST API tests share one silo process.</summary>
[CollectionDefinition(Name)]
public sealed class ApiSiloDefinition : ICollectionFixture<ApiSiloFixture>
{
    public const string Name = "api-silo";
}
