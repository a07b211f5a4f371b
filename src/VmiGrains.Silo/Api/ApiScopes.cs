using VmiGrains.Abstractions.Security;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Authorization policies and the claim that carries a caller's scope. The scope names are
/// <see cref="Scopes"/>' — one set for REST tokens and gateway certificates alike.
/// </summary>
public static class ApiScopes
{
    /// <summary>The authentication scheme of the API's bearer tokens.</summary>
    public const string Scheme = "VmiGrainsToken";

    /// <summary>Claim type holding <see cref="Read"/>, <see cref="Write"/> or <see cref="Exec"/>.</summary>
    public const string ClaimType = "vmigrains:scope";

    /// <summary>Reading: every GET, the dashboard, the fleet page's data, /metrics.</summary>
    public const string Read = Scopes.Read;

    /// <summary>Changing: apply, delete, attach, detach, feedback.</summary>
    public const string Write = Scopes.Write;

    /// <summary>Running programs in guests (<c>POST /api/v1/vms/{vmi}/exec</c>); <see cref="Write"/> does not imply it unless <c>WriteIncludesExec</c>.</summary>
    public const string Exec = Scopes.Exec;

    /// <summary>Every scope, in the order they are documented.</summary>
    public static IReadOnlyList<string> All => Scopes.All;

    /// <summary>The cookie a browser may carry a read token in (the dashboard cannot send headers).</summary>
    public const string Cookie = "vmigrains_token";
}
