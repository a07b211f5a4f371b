using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Rules;

/// <summary>Registers the Lua rule engine and compiler.</summary>
public static class RulesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IRuleEngine"/> and <see cref="IRuleCompiler"/> (singletons, swappable with
    /// TryAdd) and <see cref="RulesOptions"/> validated at start-up. Bind configuration on the
    /// returned builder, e.g. <c>.BindConfiguration(RulesOptions.SectionName)</c>.
    /// </summary>
    public static OptionsBuilder<RulesOptions> AddVmiGrainsRules(this IServiceCollection services, Action<RulesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<RulesOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RulesOptions>, RulesOptionsValidator>());
        services.TryAddSingleton<LuaRuleEngine>();
        services.TryAddSingleton<IRuleEngine>(sp => sp.GetRequiredService<LuaRuleEngine>());
        services.TryAddSingleton<IRuleCompiler, LuaRuleCompiler>();
        return builder;
    }
}
