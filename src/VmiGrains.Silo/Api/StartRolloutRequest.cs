namespace VmiGrains.Silo.Api;

/// <summary>Body of <c>POST /api/v1/rollouts</c>.</summary>
public sealed class StartRolloutRequest
{
    /// <summary>Profile whose VMIs move (see <c>GET /api/v1/profiles</c>).</summary>
    public required string Profile { get; init; }

    /// <summary>Version to move to; the latest when omitted. An older version rolls back.</summary>
    public int? ToVersion { get; init; }

    /// <summary>Canary: a number of VMIs (<c>"1"</c>) or a percentage (<c>"5%"</c>); one VMI when omitted.</summary>
    public string? Canary { get; init; }

    /// <summary>Percent of the VMIs in the first wave after the canary (1–100, default 10).</summary>
    public int? Batch { get; init; }

    /// <summary>Each next wave is this many times the previous one (1–10, default 2).</summary>
    public int? Growth { get; init; }

    /// <summary>Roll the done waves back when a gate fails, instead of pausing.</summary>
    public bool? AutoRollback { get; init; }

    /// <summary>Only VMIs on these hosts (default: every host).</summary>
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>Only VMIs whose labels match, e.g. <c>"tier=web,env!=prod"</c> (<c>key=value</c>, <c>key!=value</c>, <c>key</c>, <c>!key</c>; default: every VMI).</summary>
    public string? Selector { get; init; }

    /// <summary>How long each wave runs the new version before its gate, e.g. <c>"30s"</c> (0s–24h; default: the silo's <c>VmiGrains:Rollout:SoakPeriod</c>).</summary>
    public string? Soak { get; init; }

    /// <summary>Rollout id to use (default: generated); starting the same id with the same body again is idempotent.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// Only report what the rollout would do (200 with the what-if), changing nothing: the VMIs it would
    /// move, its waves, and what the target version's rules would do on each, replayed from the VMI's
    /// recent windows and events. No rollout is created; <see cref="Id"/> is not used.
    /// </summary>
    public bool? DryRun { get; init; }
}
