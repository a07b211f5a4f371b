namespace VmiGrains.Silo.Api;

/// <summary>The REST API, fleet page and metrics endpoint (section <c>VmiGrains:Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Api";

    /// <summary>Bearer tokens that may read (GET endpoints, dashboard, fleet page, /metrics).</summary>
    public IList<string> ReadTokens { get; } = [];

    /// <summary>Bearer tokens that may read and change (apply, attach, detach, feedback, delete).</summary>
    public IList<string> WriteTokens { get; } = [];

    /// <summary>
    /// Named tokens with their scopes (<c>VmiGrains:Api:Tokens:NAME:Token</c> and <c>:Scopes</c>, e.g.
    /// <c>read,write,exec</c>); decisions name the caller <c>token NAME</c>.
    /// </summary>
    public IDictionary<string, ApiToken> Tokens { get; } = new Dictionary<string, ApiToken>(StringComparer.Ordinal);

    /// <summary>Whether <see cref="WriteTokens"/> may also run programs in guests (scope <c>exec</c>); default false.</summary>
    public bool WriteIncludesExec { get; set; }

    /// <summary>Largest request body accepted, in bytes (default 512 KiB); larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// The URL clients reach the API at when that is not the silo's own (a proxy in front of it), e.g.
    /// <c>https://vmigrains.example.com</c>: the OpenAPI document's server. Unset, the document names the URL it was requested at.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>True when no token is configured: the API is anonymous (allowed on loopback only).</summary>
    public bool Anonymous => ReadTokens.Count == 0 && WriteTokens.Count == 0 && Tokens.Count == 0;
}
