using Microsoft.Extensions.DependencyInjection;
using VmiGrains.Domain.Hosts;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Grains.Diagnostics;

/// <summary>Wraps the registered hypervisor and rule engine so that their calls are measured.</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Decorates the last <see cref="IHypervisor"/> and <see cref="IRuleEngine"/> registrations with
    /// metered wrappers (libvirt latency, rule evaluations and failures). Call after
    /// <c>AddVmiGrains</c>; services not registered yet are left alone.
    /// </summary>
    public static IServiceCollection AddVmiGrainsMeteredServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(Marker)))
        {
            return services;
        }

        services.AddSingleton<Marker>();
        Decorate<IHypervisor>(services, inner => new MeteredHypervisor(inner));
        Decorate<IRuleEngine>(services, inner => new MeteredRuleEngine(inner));
        return services;
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(T) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(T), sp => wrap((T)Create(sp, original)), original.Lifetime);
    }

    private static object Create(IServiceProvider sp, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);

    /// <summary>Present once the decorators are registered, so that a second call changes nothing.</summary>
    private sealed class Marker;
}
