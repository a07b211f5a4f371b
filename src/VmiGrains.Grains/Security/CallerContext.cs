namespace VmiGrains.Grains.Security;

/// <summary>
/// Who asked for the current call, carried in Orleans' <see cref="RequestContext"/> under <see cref="Key"/>.
/// Set by the REST API (the token's name) and by the silo's incoming call filter for gateway clients,
/// which overwrites whatever a client put there; grains read it when they record a decision.
/// </summary>
public static class CallerContext
{
    /// <summary>The <see cref="RequestContext"/> key.</summary>
    public const string Key = "vmigrains.caller";

    /// <summary>Who acts when no caller is known: timers, expiry, re-activation.</summary>
    public const string Cluster = "cluster";

    /// <summary>The caller of the current call, or null when none was set.</summary>
    public static string? Current => RequestContext.Get(Key) as string;

    /// <summary>Sets the caller of the calls that follow in this flow.</summary>
    public static void Set(string caller) => RequestContext.Set(Key, caller);

    /// <summary>The <see cref="RequestContext"/> key of the caller's scopes (comma-separated).</summary>
    public const string ScopesKey = "vmigrains.scopes";

    /// <summary>
    /// The scopes of the client or token that made the current call, as the gateway's call filter and the
    /// REST API authenticated them; null for the cluster's own calls (timers, silos), which no scope limits.
    /// </summary>
    public static IReadOnlySet<string>? CurrentScopes =>
        RequestContext.Get(ScopesKey) is string scopes ? scopes.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;

    /// <summary>Sets the caller's <paramref name="scopes"/> for the calls that follow in this flow.</summary>
    public static void SetScopes(IEnumerable<string> scopes) => RequestContext.Set(ScopesKey, string.Join(',', scopes));

    /// <summary>The caller for a REST request authenticated as token <paramref name="name"/>.</summary>
    public static string Token(string name) => $"token {name}";

    /// <summary>The caller for a rule's action.</summary>
    public static string Rule(string name) => $"rule {name}";

    /// <summary>The caller for what a host does (rebalance, drift correction).</summary>
    public static string Host(string name) => $"host {name}";
}
