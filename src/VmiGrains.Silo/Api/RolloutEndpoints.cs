using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary><c>/api/v1/rollouts</c>: the REST form of <c>vmi rollout</c> — start (or its what-if, <c>dry_run</c>), list, status, pause, resume, abort, rollback.</summary>
internal static partial class RolloutEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var rollouts = api.MapGroup("/rollouts").WithTags("Rollouts");
        rollouts.MapPost("/", StartAsync).WithName("StartRollout")
            .WithSummary("Start a server-side rollout of a profile version: canary, waves per host, health gates; 201 with its status. "
                + "With \"dry_run\": true, 200 with what it would do (VMIs that would switch profile, change weights, be shaped, run programs or hit rule errors), changing nothing")
            .AcceptsJson<StartRolloutRequest>().RequireScope(ApiScopes.Write);
        rollouts.MapGet("/", ListAsync).WithName("ListRollouts").WithSummary("The most recent rollouts (100), newest first");
        rollouts.MapGet("/{id}", GetAsync).WithName("GetRollout").WithSummary("Progress per wave and host, gate evidence and decisions of a rollout")
            .Problems(StatusCodes.Status404NotFound);
        foreach (var (verb, call) in Operations)
        {
            rollouts.MapPost($"/{{id}}/{verb}", (string id, IGrainFactory grains) => OperateAsync(id, grains, call))
                .WithName($"{char.ToUpperInvariant(verb[0])}{verb[1..]}Rollout").WithSummary($"{Summaries[verb]} (idempotent)")
                .Problems(StatusCodes.Status404NotFound) // 409 (rollback while another rollout of the profile runs) comes with the write scope
                .RequireScope(ApiScopes.Write);
        }
    }

    private static readonly (string Verb, Func<IRolloutGrain, Task<RolloutView>> Call)[] Operations =
    [
        ("pause", g => g.PauseAsync()),
        ("resume", g => g.ResumeAsync()),
        ("abort", g => g.AbortAsync()),
        ("rollback", g => g.RollbackAsync()),
    ];

    private static readonly Dictionary<string, string> Summaries = new(StringComparer.Ordinal)
    {
        ["pause"] = "Pause after the wave in progress",
        ["resume"] = "Resume a paused rollout, past a failed gate too",
        ["abort"] = "Stop for good; VMIs stay where they are",
        ["rollback"] = "Move every VMI the rollout switched back to its previous version",
    };

    private static async Task<Results<Created<RolloutView>, Ok<RolloutWhatIf>, ProblemHttpResult>> StartAsync(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var body = await RequestBody.ReadJsonAsync<StartRolloutRequest>(context);
        if (string.IsNullOrWhiteSpace(body.Profile))
        {
            throw new InvalidRequestException(new ValidationError("$.profile", "is required", "\"\"", "name a profile from GET /api/v1/profiles"));
        }

        if (body.ToVersion is <= 0)
        {
            throw new InvalidRequestException(new ValidationError("$.to_version", "must be a positive version number", body.ToVersion.ToString(), "see GET /api/v1/profiles/{id}/history"));
        }

        if (body.Id is { } given && !ValidId().IsMatch(given))
        {
            throw new InvalidRequestException(new ValidationError("$.id", "must be 1-100 letters, digits, '-', '_' or '.'", JsonSerializer.Serialize(given), "omit it to get a generated id"));
        }

        TimeSpan? soak = null;
        if (body.Soak is { } soakText)
        {
            soak = Domain.Profiles.DurationFormat.TryParse(soakText, out var parsed)
                ? parsed
                : throw new InvalidRequestException(new ValidationError("$.soak", "must be a duration such as \"30s\", \"500ms\" or \"5m\"", JsonSerializer.Serialize(soakText), "write e.g. \"30s\", or omit it for the silo's VmiGrains:Rollout:SoakPeriod"));
        }

        var request = new RolloutRequest
        {
            ProfileId = body.Profile,
            ToVersion = body.ToVersion,
            Canary = body.Canary,
            BatchPercent = body.Batch ?? 10,
            Growth = body.Growth ?? 2,
            AutoRollback = body.AutoRollback ?? false,
            Hosts = body.Hosts ?? [],
            Soak = soak,
            Selector = body.Selector,
        };
        if (body.DryRun == true)
        {
            return TypedResults.Ok(await grains.GetGrain<IRolloutWhatIfGrain>(GrainKeys.Default).WhatIfAsync(request));
        }

        var id = body.Id ?? RolloutIds.New(body.Profile, time.GetUtcNow());
        RolloutView view;
        try
        {
            view = await grains.GetGrain<IRolloutGrain>(id).StartAsync(request);
        }
        catch (InvalidRequestException ex) when (ex.Errors.Any(e => RolloutRunning.RolloutOf(e) is not null))
        {
            return TypedResults.Problem(ApiProblems.Create(context, StatusCodes.Status409Conflict, "Rollout already running", ex.Errors));
        }

        return TypedResults.Created($"/api/v1/rollouts/{Uri.EscapeDataString(id)}", view);
    }

    private static async Task<Ok<IReadOnlyList<RolloutView>>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IRolloutCatalogGrain>(GrainKeys.Default).ListAsync());

    private static Task<Ok<RolloutView>> GetAsync(string id, IGrainFactory grains) => OperateAsync(id, grains, g => g.GetAsync());

    private static async Task<Ok<RolloutView>> OperateAsync(string id, IGrainFactory grains, Func<IRolloutGrain, Task<RolloutView>> call)
    {
        var grain = grains.GetGrain<IRolloutGrain>(id);
        try
        {
            _ = await grain.GetAsync();
        }
        catch (InvalidRequestException ex)
        {
            throw new ResourceNotFoundException([.. ex.Errors.Select(e => e with { Fix = "see GET /api/v1/rollouts" })]);
        }

        return TypedResults.Ok(await call(grain));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex ValidId();
}
