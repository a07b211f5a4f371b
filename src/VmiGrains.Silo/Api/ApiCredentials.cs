namespace VmiGrains.Silo.Api;

/// <summary>
/// Every configured token with its name and scopes: <c>read-token-N</c> (read), <c>write-token-N</c>
/// (read, write, and exec when <see cref="ApiOptions.WriteIncludesExec"/>), and each named token of
/// <see cref="ApiOptions.Tokens"/> with its own scopes (read always included).
/// </summary>
internal static class ApiCredentials
{
    /// <summary>One token: its name (as decisions show it), secret and scopes.</summary>
    public sealed record Credential(string Name, string Secret, IReadOnlyList<string> Scopes);

    public static IReadOnlyList<Credential> From(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var write = options.WriteIncludesExec ? new[] { ApiScopes.Read, ApiScopes.Write, ApiScopes.Exec } : [ApiScopes.Read, ApiScopes.Write];
        return
        [
            .. options.ReadTokens.Select((t, i) => new Credential($"read-token-{i}", t, [ApiScopes.Read])),
            .. options.WriteTokens.Select((t, i) => new Credential($"write-token-{i}", t, write)),
            .. options.Tokens.Where(t => t.Value.Token is not null)
                .Select(t => new Credential(t.Key, t.Value.Token!, [ApiScopes.Read, .. t.Value.ScopeList.Where(s => s != ApiScopes.Read).Distinct()])),
        ];
    }
}
