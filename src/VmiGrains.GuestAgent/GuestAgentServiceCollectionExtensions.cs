using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent;

/// <summary>Registers the guest-agent client.</summary>
public static class GuestAgentServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GuestAgentRegistry"/> as <see cref="IGuestAgentFactory"/> with validated
    /// <see cref="GuestAgentOptions"/> (bind section <see cref="GuestAgentOptions.SectionName"/> yourself,
    /// or configure here). Register an <c>IDomainAgentChannelProvider</c> to reach agents through libvirt.
    /// </summary>
    public static IServiceCollection AddVmiGuestAgents(this IServiceCollection services, Action<GuestAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<GuestAgentOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuestAgentOptions>, GuestAgentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GuestAgentRegistry>();
        services.TryAddSingleton<IGuestAgentFactory>(sp => sp.GetRequiredService<GuestAgentRegistry>());
        return services;
    }
}
