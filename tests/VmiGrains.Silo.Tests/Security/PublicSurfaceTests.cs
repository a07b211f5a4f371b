using System.Reflection;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Silo.Tests.Security;

/// <summary>Gateway clients may call a public grain method only with the scope it declares; an undeclared one nobody may call.</summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void PublicGrainInterfaces_EveryMethod_DeclaresAKnownScope()
    {
        var methods = typeof(IVmiGrain).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods().Select(m => (Name: $"{t.Name}.{m.Name}", Scope: m.GetCustomAttribute<RequiresScopeAttribute>()?.Scope)))
            .ToList();

        Assert.True(methods.Count >= 19, $"only {methods.Count} public grain methods found");
        Assert.All(methods, m => Assert.True(m.Scope is not null && Scopes.All.Contains(m.Scope), $"{m.Name}: scope {m.Scope ?? "(none)"}"));
        Assert.Equal(Scopes.Exec, methods.Single(m => m.Name == "IVmiGrain.ExecuteAsync").Scope);
    }
}
