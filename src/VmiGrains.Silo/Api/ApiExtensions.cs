using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using VmiGrains.Grains.Security;
using VmiGrains.Silo.Api.OpenApi;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Api;

/// <summary>Adds and maps the REST API (<c>/api/v1</c>), its authentication, errors and OpenAPI document.</summary>
public static class ApiExtensions
{
    /// <summary>
    /// Registers <see cref="ApiOptions"/> (validated at start-up with every error listed), bearer-token
    /// authentication with read and write policies, problem+json errors, the request size limit and OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddVmiGrainsApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddAuthentication(ApiScopes.Scheme).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(ApiScopes.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiScopes.Read, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Read))
            .AddPolicy(ApiScopes.Write, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Write))
            .AddPolicy(ApiScopes.Exec, p => p.RequireClaim(ApiScopes.ClaimType, ApiScopes.Exec));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCustomizer.Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // A query value that does not bind (?version=abc) throws, so the handler answers with a problem naming it, not a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
        {
            // Kestrel reads this while the app is built, before the start-up validator runs; invalid
            // ApiOptions are left to that validator, which lists them with every other section's
            // problems (vmi-silo exits 2 before Kestrel listens), so they must not throw here.
            try
            {
                kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes;
            }
            catch (OptionsValidationException)
            {
            }

            RequestShapeLimits.Configure(kestrel);
        });
        services.AddOpenApi("v1", o => o
            .AddDocumentTransformer<DocumentInfoTransformer>()
            .AddDocumentTransformer<BearerSecuritySchemeTransformer>()
            .AddDocumentTransformer<ProfileSchemaTransformer>()
            .AddSchemaTransformer<ProblemSchemaTransformer>());
        return builder;
    }

    /// <summary>Maps <c>/api/v1/…</c> and <c>/api/v1/openapi.json</c>; warns when the API is anonymous.</summary>
    public static WebApplication MapVmiGrainsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(RequestShapeLimits.InvokeAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // Grain calls made for this request carry its token's name; decisions record it (CallerContext).
        app.Use((context, next) =>
        {
            if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
            {
                CallerContext.Set(name == "anonymous" ? "anonymous (no API tokens configured)" : CallerContext.Token(name));
                CallerContext.SetScopes(context.User.FindAll(ApiScopes.ClaimType).Select(c => c.Value));
            }

            return next(context);
        });
        var url = app.Configuration[$"{ClusterSettings.SectionName}:HttpUrl"] ?? new ClusterSettings().HttpUrl;
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.Anonymous)
        {
            ApiLog.AnonymousApi(app.Logger, ApiOptions.SectionName, url);
        }

        var baseUrl = url.TrimEnd('/');
        ApiLog.Surfaces(app.Logger, baseUrl);
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiScopes.Read).WithApiProblems();
        ProfileEndpoints.Map(api);
        VmiEndpoints.Map(api);
        RolloutEndpoints.Map(api);
        return app;
    }
}
