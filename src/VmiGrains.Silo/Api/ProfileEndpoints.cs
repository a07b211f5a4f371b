using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Profiles;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Silo.Api;

/// <summary><c>/api/v1/profiles</c>: the REST form of <c>vmi profile list|show|history|apply|delete</c>.</summary>
internal static class ProfileEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles").WithTags("Profiles");
        profiles.MapGet("/", ListAsync).WithName("ListProfiles").WithSummary("Profiles with their latest version and how many VMIs use them");
        profiles.MapGet("/{id}", GetAsync).WithName("GetProfile").WithSummary("A profile document (latest, or ?version=N)")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        profiles.MapGet("/{id}/history", HistoryAsync).WithName("GetProfileHistory").WithSummary("Every version of a profile, oldest first")
            .Problems(StatusCodes.Status404NotFound);
        profiles.MapPost("/", ApplyAsync).WithName("ApplyProfile").WithSummary("Create a profile, or add a version when the document changed (body: the profile JSON)")
            .AcceptsJson<JsonElement>().RequireScope(ApiScopes.Write);
        profiles.MapPut("/{id}", ApplyToAsync).WithName("PutProfile").WithSummary("Like POST, for the profile named in the URL (the document's id must match)")
            .AcceptsJson<JsonElement>().RequireScope(ApiScopes.Write);
        profiles.MapDelete("/{id}", DeleteAsync).WithName("DeleteProfile").WithSummary("Delete every version; refused (409) while a rollout of it runs, or while attached unless ?force=true")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).RequireScope(ApiScopes.Write);
    }

    private static async Task<Ok<IReadOnlyList<ProfileSummary>>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).ListAsync());

    private static async Task<Ok<ProfileResponse>> GetAsync(string id, int? version, IGrainFactory grains)
    {
        ProfileVersion stored;
        try
        {
            stored = await (await ExistingAsync(grains, id)).GetAsync(version);
        }
        catch (InvalidRequestException ex)
        {
            throw new ResourceNotFoundException(ex.Errors);
        }

        using var canonical = JsonDocument.Parse(ProfileSerializer.Serialize(stored.Document, indented: false));
        return TypedResults.Ok(new ProfileResponse(id, stored.Version, stored.CreatedAt, canonical.RootElement.Clone()));
    }

    private static async Task<Ok<IReadOnlyList<ProfileVersionInfo>>> HistoryAsync(string id, IGrainFactory grains)
    {
        var history = await (await ExistingAsync(grains, id)).GetHistoryAsync();
        return history.Count == 0 ? throw UnknownProfile(id) : TypedResults.Ok(history);
    }

    private static async Task<Results<Created<ProfileVersionInfo>, Ok<ProfileVersionInfo>>> ApplyAsync(HttpContext context, IGrainFactory grains, IRuleCompiler compiler)
    {
        var json = await RequestBody.ReadTextAsync(context);
        var profile = ProfileParser.TryParse(json, out var errors, compiler) ?? throw new ProfileValidationException(errors);
        return await DefineAsync(grains, profile.Id, json);
    }

    private static async Task<Results<Created<ProfileVersionInfo>, Ok<ProfileVersionInfo>>> ApplyToAsync(string id, HttpContext context, IGrainFactory grains, IRuleCompiler compiler)
    {
        var json = await RequestBody.ReadTextAsync(context);
        _ = ProfileParser.TryParse(json, out var errors, compiler) ?? throw new ProfileValidationException(errors);
        return await DefineAsync(grains, id, json);
    }

    private static async Task<Results<Created<ProfileVersionInfo>, Ok<ProfileVersionInfo>>> DefineAsync(IGrainFactory grains, string id, string json)
    {
        var info = await grains.GetGrain<IProfileGrain>(id).DefineAsync(json);
        return info.Created
            ? TypedResults.Created(string.Create(CultureInfo.InvariantCulture, $"/api/v1/profiles/{Uri.EscapeDataString(id)}?version={info.Version}"), info)
            : TypedResults.Ok(info);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, bool? force, HttpContext context, IGrainFactory grains)
    {
        var grain = await ExistingAsync(grains, id);
        if ((await grain.GetHistoryAsync()).Count == 0)
        {
            throw UnknownProfile(id);
        }

        try
        {
            await grain.DeleteAsync(force ?? false);
        }
        catch (InvalidRequestException ex)
        {
            // The profile exists, so the refusals left are "a rollout of it runs" and "still attached".
            return TypedResults.Problem(ApiProblems.Create(context, StatusCodes.Status409Conflict, "Profile in use",
                [.. ex.Errors.Select(e => e with { Fix = RolloutRunning.RolloutOf(e) is { } rollout
                    ? $"stop it first (POST /api/v1/rollouts/{rollout}/abort or /rollback), then delete"
                    : "detach those VMIs first, or send DELETE with ?force=true to detach them and delete" })]));
        }

        return TypedResults.NoContent();
    }

    /// <summary>The profile's grain, or 404 without activating one: the catalog is asked first, so unknown ids cost no memory.</summary>
    private static async Task<IProfileGrain> ExistingAsync(IGrainFactory grains, string id) =>
        await grains.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).ContainsAsync(id) ? grains.GetGrain<IProfileGrain>(id) : throw UnknownProfile(id);

    private static ResourceNotFoundException UnknownProfile(string id) =>
        new([new ValidationError("id", "unknown profile", JsonSerializer.Serialize(id), "see GET /api/v1/profiles")]);
}
