using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Hosts;
using VmiGrains.Libvirt.Hypervisor;

namespace VmiGrains.Libvirt;

/// <summary>Registers the libvirt <see cref="IHypervisor"/>.</summary>
public static class LibvirtServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LibvirtHypervisor"/> as the singleton <see cref="IHypervisor"/> (unless one is
    /// registered already) with <see cref="LibvirtHypervisorOptions"/> validated at start-up, every error
    /// listed. Returns the options builder so the host can bind configuration, e.g.
    /// <c>.BindConfiguration(LibvirtHypervisorOptions.SectionName)</c>.
    /// </summary>
    public static OptionsBuilder<LibvirtHypervisorOptions> AddLibvirtHypervisor(this IServiceCollection services, Action<LibvirtHypervisorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<LibvirtHypervisorOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LibvirtHypervisorOptions>, LibvirtHypervisorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LibvirtHypervisor(
            sp.GetRequiredService<IOptions<LibvirtHypervisorOptions>>().Value,
            sp.GetService<ILogger<LibvirtHypervisor>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IHypervisor>(sp => sp.GetRequiredService<LibvirtHypervisor>());
        return builder;
    }
}
