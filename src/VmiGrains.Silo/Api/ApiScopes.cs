namespace VmiGrains.Silo.Api;

/// <summary>Authorization policies and the claim that carries a caller's scope.</summary>
public static class ApiScopes
{
    /// <summary>The authentication scheme of the API's bearer tokens.</summary>
    public const string Scheme = "VmiGrainsToken";

    /// <summary>Claim type holding <see cref="Read"/>, <see cref="Write"/> or <see cref="Exec"/>.</summary>
    public const string ClaimType = "vmigrains:scope";

    /// <summary>Reading: every GET, the dashboard, the fleet page's data, /metrics.</summary>
    public const string Read = "read";

    /// <summary>Changing: apply, delete, attach, detach, feedback.</summary>
    public const string Write = "write";

    /// <summary>Running programs in guests (<c>POST /api/v1/vms/{vmi}/exec</c>); <see cref="Write"/> does not imply it unless <c>WriteIncludesExec</c>.</summary>
    public const string Exec = "exec";

    /// <summary>Every scope, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> All = [Read, Write, Exec];

    /// <summary>The cookie a browser may carry a read token in (the dashboard cannot send headers).</summary>
    public const string Cookie = "vmigrains_token";
}
