using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Profiles;
using VmiGrains.Grains.Vmis;
using Microsoft.Extensions.Options;

namespace VmiGrains.Silo.Api;

/// <summary><c>/api/v1/hosts</c> and <c>/api/v1/vms</c>: the REST form of <c>vmi host list</c> and <c>vmi vm …</c>.</summary>
internal static class VmiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/hosts", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync()))
            .WithTags("Hosts").WithName("ListHosts").WithSummary("Every known host; available says whether its silo answers");

        var vms = api.MapGroup("/vms").WithTags("VMIs");
        vms.MapGet("/", ListAsync).WithName("ListVmis").WithSummary("VMIs with their host, profile and labels (?host=H&profile=P&selector=tier=web,env!=prod)");
        vms.MapGet("/{vmi}", GetAsync).WithName("GetVmi").WithSummary("Profile, allocation, telemetry windows, overrides and undo records of a VMI (name or UUID)")
            .Problems(StatusCodes.Status404NotFound);
        vms.MapPut("/{vmi}/profile", AttachAsync).WithName("AttachProfile").WithSummary("Attach a profile (idempotent)")
            .AcceptsJson<AttachRequest>().Problems(StatusCodes.Status404NotFound).RequireScope(ApiScopes.Write);
        vms.MapDelete("/{vmi}/profile", DetachAsync).WithName("DetachProfile").WithSummary("Detach the profile, undoing its temporary changes (idempotent)")
            .Problems(StatusCodes.Status404NotFound).RequireScope(ApiScopes.Write);
        vms.MapPost("/{vmi}/feedback", FeedbackAsync).WithName("SendFeedback").WithSummary("Send a batch of samples and events; events run the rules' on_event at once")
            .AcceptsJson<FeedbackRequest>().Problems(StatusCodes.Status404NotFound).RequireScope(ApiScopes.Write);
        vms.MapPost("/{vmi}/exec", ExecAsync).WithName("Exec").WithSummary("Run a program in the guest (the trigger); needs scope exec")
            .AcceptsJson<ExecRequest>().Problems(StatusCodes.Status404NotFound).RequireScope(ApiScopes.Exec);
        vms.MapGet("/{vmi}/exec", ExecutionsAsync).WithName("ListExecutions").WithSummary("Programs started by exec and by rules' run(...), oldest first (the last 50)")
            .Problems(StatusCodes.Status404NotFound);
        vms.MapGet("/{vmi}/exec/{execution}", ExecutionAsync).WithName("GetExecution").WithSummary("State, exit code and output of a program started by exec")
            .Problems(StatusCodes.Status404NotFound);
        vms.MapPost("/{vmi}/rules/enable", EnableRulesAsync).WithName("EnableRules").WithSummary("Enable again the rules disabled after failures (?rule=NAME for one); returns the names enabled")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).RequireScope(ApiScopes.Write);
        vms.MapGet("/{vmi}/decisions", DecisionsAsync).WithName("GetDecisions").WithSummary("The 'why' log, oldest first (?since=10m or an ISO 8601 time)")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        vms.MapGet("/{vmi}/network/counters", NetworkCountersAsync).WithName("GetNetworkCounters")
            .WithSummary("Packets and bytes each of the VMI's nftables rules counted on its host, read now; empty when network enforcement is off there")
            .Problems(StatusCodes.Status404NotFound);
        vms.MapGet("/{vmi}/events", EventsAsync).WithName("GetEvents").WithSummary("The recent event stream, pushed and observed (source), oldest first; ?after=SEQUENCE for the newer ones only")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<VmiListItem>>> ListAsync(string? host, string? profile, string? selector, IGrainFactory grains)
    {
        var labels = Domain.Labels.LabelSelector.Parse(selector, "selector");
        var vmis = await grains.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync(Blank(host), Blank(profile));
        return TypedResults.Ok<IReadOnlyList<VmiListItem>>(labels == Domain.Labels.LabelSelector.All ? vmis : [.. vmis.Where(v => labels.Matches(v.Labels))]);
    }

    private static async Task<Ok<VmiView>> GetAsync(string vmi, IGrainFactory grains) =>
        TypedResults.Ok(await (await VmiLookup.ResolveAsync(grains, vmi)).GetAsync());

    private static async Task<Ok<ApplyResult>> AttachAsync(string vmi, HttpContext context, IGrainFactory grains)
    {
        var grain = await VmiLookup.ResolveAsync(grains, vmi);
        var request = await RequestBody.ReadJsonAsync<AttachRequest>(context);
        if (string.IsNullOrWhiteSpace(request.Profile))
        {
            throw new InvalidRequestException(new ValidationError("$.profile", "is required", "\"\"", "name a profile from GET /api/v1/profiles"));
        }

        if (request.Version is <= 0)
        {
            throw new InvalidRequestException(new ValidationError("$.version", "must be a positive version number",
                request.Version.Value.ToString(CultureInfo.InvariantCulture), "omit it for the latest, or see GET /api/v1/profiles/{id}/history"));
        }

        return TypedResults.Ok(await grain.ApplyProfileAsync(request.Profile, request.Version));
    }

    private static async Task<Ok<IReadOnlyList<string>>> EnableRulesAsync(string vmi, string? rule, IGrainFactory grains) =>
        TypedResults.Ok(await (await VmiLookup.ResolveAsync(grains, vmi)).EnableRulesAsync(rule));

    private static async Task<NoContent> DetachAsync(string vmi, IGrainFactory grains)
    {
        await (await VmiLookup.ResolveAsync(grains, vmi)).DetachAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Ok<FeedbackResult>> FeedbackAsync(string vmi, HttpContext context, IGrainFactory grains, IOptions<VmiOptions> limits)
    {
        var grain = await VmiLookup.ResolveAsync(grains, vmi);
        var request = await RequestBody.ReadJsonAsync<FeedbackRequest>(context);
        var samples = request.Samples ?? [];
        var events = request.Events ?? [];
        if (samples.Count + events.Count == 0)
        {
            throw new InvalidRequestException(new ValidationError("$", "nothing to send", "{}", "give at least one entry in \"samples\" or \"events\""));
        }

        // Counted here too, so an oversize batch is refused before its events are converted; the VMI checks its queue.
        if (limits.Value.ToFeedbackLimits().Check(samples.Count, events.Count, null, "$.", VmiOptions.SectionName) is { } tooMuch)
        {
            throw new InvalidRequestException(tooMuch);
        }

        if (samples.Any(s => s is null) || events.Any(e => e is null))
        {
            throw new InvalidRequestException(new ValidationError("$.samples", "entries must be objects, not null", "null", "remove the null entries"));
        }

        var batch = new FeedbackBatch(samples, [.. events.Select((e, i) => e.ToEvent($"$.events[{i}]"))]);
        await grain.IngestAsync(batch);
        return TypedResults.Ok(new FeedbackResult(grain.GetPrimaryKeyString(), batch.Samples.Count, batch.Events.Count));
    }

    private static async Task<Ok<ExecutionView>> ExecAsync(string vmi, HttpContext context, IGrainFactory grains)
    {
        var grain = await VmiLookup.ResolveAsync(grains, vmi);
        var request = await RequestBody.ReadJsonAsync<ExecRequest>(context);
        if (string.IsNullOrWhiteSpace(request.Path))
        {
            throw new InvalidRequestException(new ValidationError("$.path", "is required", "\"\"", "give the absolute path of the program in the guest, e.g. \"/bin/echo\""));
        }

        if (request.TimeoutSeconds is <= 0)
        {
            throw new InvalidRequestException(new ValidationError("$.timeout_seconds", "must be a positive number of seconds",
                request.TimeoutSeconds.Value.ToString(CultureInfo.InvariantCulture), "omit it for no timeout, or give e.g. 30"));
        }

        return TypedResults.Ok(await grain.ExecuteAsync(new ExecuteRequest
        {
            Path = request.Path,
            Args = request.Args ?? [],
            App = Blank(request.App),
            ProfileId = Blank(request.Profile),
            Scoped = request.Scoped,
            Timeout = request.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        }));
    }

    private static async Task<Ok<IReadOnlyList<ExecutionView>>> ExecutionsAsync(string vmi, IGrainFactory grains) =>
        TypedResults.Ok(await (await VmiLookup.ResolveAsync(grains, vmi)).ListExecutionsAsync());

    private static async Task<Ok<ExecutionView>> ExecutionAsync(string vmi, string execution, IGrainFactory grains)
    {
        var grain = await VmiLookup.ResolveAsync(grains, vmi);
        try
        {
            return TypedResults.Ok(await grain.GetExecutionAsync(execution));
        }
        catch (InvalidRequestException ex)
        {
            // The VMI exists, so the refusal left is "unknown execution": a resource that is not there.
            throw new ResourceNotFoundException(ex.Errors);
        }
    }

    private static async Task<Ok<IReadOnlyList<Decision>>> DecisionsAsync(string vmi, string? since, IGrainFactory grains, TimeProvider time)
    {
        var grain = await VmiLookup.ResolveAsync(grains, vmi);
        return TypedResults.Ok(await grain.GetDecisionsAsync(Since(since, time)));
    }

    private static async Task<Ok<IReadOnlyList<NetworkRuleCounter>>> NetworkCountersAsync(string vmi, IGrainFactory grains)
    {
        var grain = await VmiLookup.ResolveAsync(grains, vmi);
        var view = await grain.GetAsync();
        return TypedResults.Ok(await grains.GetGrain<IHypervisorGrain>(view.Host).GetNetworkCountersAsync(view.VmiId));
    }

    private static async Task<Ok<IReadOnlyList<VmiEvent>>> EventsAsync(string vmi, string? after, IGrainFactory grains)
    {
        long? sequence = null;
        if (!string.IsNullOrWhiteSpace(after))
        {
            sequence = long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new InvalidRequestException(new ValidationError("after", "must be a non-negative event sequence number", $"\"{after}\"",
                    "pass the sequence of the last event you have, e.g. ?after=42, or omit it for all recent events"));
        }

        var grain = await VmiLookup.ResolveAsync(grains, vmi);
        return TypedResults.Ok(await grain.GetEventsAsync(sequence));
    }

    /// <summary><c>10m</c>, <c>2h</c> (a period before now) or an ISO 8601 time; null when absent.</summary>
    private static DateTimeOffset? Since(string? text, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DurationFormat.TryParse(text, out var period) && period > TimeSpan.Zero)
        {
            return DurationFormat.Before(time.GetUtcNow(), period);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new InvalidRequestException(new ValidationError("since", "must be a duration such as 30s, 10m or 2h, or an ISO 8601 time",
                $"\"{text}\"", "write e.g. ?since=1h or ?since=2026-01-01T10:30:00Z"));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
