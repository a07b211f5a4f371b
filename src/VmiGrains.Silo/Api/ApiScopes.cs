namespace VmiGrains.Silo.Api;

/// <summary>Authorization policies and the claim that carries a caller's scope.</summary>
public static class ApiScopes
{
    /// <summary>The authentication scheme of the API's bearer tokens.</summary>
    public const string Scheme = "VmiGrainsToken";

    /// <summary>Claim type holding <see cref="Read"/> or <see cref="Write"/>.</summary>
    public const string ClaimType = "vmigrains:scope";

    /// <summary>Reading: every GET, the dashboard, the fleet page's data, /metrics.</summary>
    public const string Read = "read";

    /// <summary>Changing: apply, delete, attach, detach, feedback.</summary>
    public const string Write = "write";

    /// <summary>The cookie a browser may carry a read token in (the dashboard cannot send headers).</summary>
    public const string Cookie = "vmigrains_token";
}
