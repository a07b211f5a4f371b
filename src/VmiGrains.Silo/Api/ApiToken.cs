namespace VmiGrains.Silo.Api;

/// <summary>One named bearer token of <see cref="ApiOptions.Tokens"/>.</summary>
public sealed class ApiToken
{
    /// <summary>The secret. Set it through the environment (<c>VMIGRAINS__API__TOKENS__NAME__TOKEN</c>).</summary>
    public string? Token { get; set; }

    /// <summary>Comma-separated scopes: <c>read</c>, <c>write</c>, <c>exec</c>; <c>write</c> and <c>exec</c> include <c>read</c>.</summary>
    public string Scopes { get; set; } = ApiScopes.Read;

    /// <summary>The scopes as a list, lower-case and trimmed; unknown ones are kept for the validator to report.</summary>
    public IReadOnlyList<string> ScopeList =>
        [.. Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant())];
}
