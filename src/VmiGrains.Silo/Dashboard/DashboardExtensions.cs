using Orleans.Dashboard;
using VmiGrains.Silo.Api;

namespace VmiGrains.Silo.Dashboard;

/// <summary>The Orleans dashboard at <c>/dashboard</c> and the fleet page at <c>/fleet</c>, on the silo's web host.</summary>
public static class DashboardExtensions
{
    /// <summary>Where the Orleans dashboard is mounted.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Where the fleet page is served.</summary>
    public const string FleetPath = "/fleet";

    /// <summary>Adds the Orleans dashboard's grains and collectors to this silo, unless <paramref name="orleansDashboard"/> is false.</summary>
    public static WebApplicationBuilder AddVmiGrainsDashboard(this WebApplicationBuilder builder, bool orleansDashboard = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (orleansDashboard)
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return builder;
    }

    /// <summary>
    /// Maps the Orleans dashboard (read scope; left out when <paramref name="orleansDashboard"/> is false)
    /// and the fleet page. The page itself is static and public; every number on it comes from
    /// <c>/api/v1</c> with the caller's token.
    /// </summary>
    public static WebApplication MapVmiGrainsDashboard(this WebApplication app, bool orleansDashboard = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (orleansDashboard)
        {
            // Orleans' own pages and JSON, not our API: left out of the OpenAPI document.
            app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(ApiScopes.Read).ExcludeFromDescription();
        }

        FleetPage.Map(app, FleetPath);
        return app;
    }
}
