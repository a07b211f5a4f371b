namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>Every real-VM test shares one private libvirtd and its guests, booted once.</summary>
[CollectionDefinition(Name)]
public sealed class RealVmGroup : ICollectionFixture<RealVmHost>
{
    public const string Name = "Real VM host";
}
