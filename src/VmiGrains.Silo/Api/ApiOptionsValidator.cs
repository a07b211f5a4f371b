using System.Net;
using Microsoft.Extensions.Options;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Checks <see cref="ApiOptions"/> against the HTTP endpoint and reports every problem at once,
/// each with the key, the value and the fix. Refuses an anonymous API on a non-loopback address.
/// </summary>
internal sealed class ApiOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiOptions>
{
    /// <summary>Shortest token accepted: 128 bits of base64 or hex is at least 22 characters.</summary>
    public const int MinTokenLength = 22;

    private const string S = ApiOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Tokens(errors, $"{S}:ReadTokens", options.ReadTokens);
        Tokens(errors, $"{S}:WriteTokens", options.WriteTokens);
        NamedTokens(errors, options);
        foreach (var shared in options.ReadTokens.Intersect(options.WriteTokens, StringComparer.Ordinal))
        {
            errors.Add($"{S}:ReadTokens: a token is also a write token (got {Mask(shared)}); keep read and write tokens distinct");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 64L * 1024 * 1024)
        {
            errors.Add($"{S}:MaxRequestBodyBytes: must be between 1024 and 67108864 (got {options.MaxRequestBodyBytes}); the default is 524288 (512 KiB)");
        }

        if (options.PublicUrl is { } publicUrl && !(Uri.TryCreate(publicUrl, UriKind.Absolute, out var parsed)
                && parsed.Scheme is "http" or "https" && parsed.Query.Length == 0 && parsed.Fragment.Length == 0))
        {
            errors.Add($"{S}:PublicUrl: must be an absolute http or https URL without query or fragment (got \"{publicUrl}\"); give the URL clients use, e.g. https://vmigrains.example.com");
        }

        var url = configuration[$"{ClusterSettings.SectionName}:HttpUrl"] ?? new ClusterSettings().HttpUrl;
        if (options.Anonymous && !IsLoopback(url))
        {
            errors.Add($"{S}: no ReadTokens, WriteTokens or Tokens are configured but {ClusterSettings.SectionName}:HttpUrl is not a loopback address (got \"{url}\"); "
                + $"set {S}:ReadTokens:0 and {S}:WriteTokens:0 (e.g. VMIGRAINS__API__WRITETOKENS__0=$(openssl rand -hex 24)) or listen on http://127.0.0.1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>True when every address of <paramref name="url"/> is a loopback address.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static void Tokens(List<string> errors, string key, IList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (string.IsNullOrWhiteSpace(token) || token.Length < MinTokenLength)
            {
                errors.Add($"{key}:{i}: a token must have at least {MinTokenLength} characters (got {token?.Length ?? 0}); generate one with 'openssl rand -hex 24'");
            }
            else if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                errors.Add($"{key}:{i}: contains whitespace or control characters (got {Mask(token)}); use letters, digits and -._~+/=");
            }
            else if (tokens.Take(i).Contains(token, StringComparer.Ordinal))
            {
                errors.Add($"{key}:{i}: duplicates an earlier token (got {Mask(token)}); remove it");
            }
        }
    }

    private static void NamedTokens(List<string> errors, ApiOptions options)
    {
        var others = options.ReadTokens.Concat(options.WriteTokens).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, token) in options.Tokens)
        {
            var key = $"{S}:Tokens:{name}";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add($"{key}: a token name may hold only letters, digits and -_. (got \"{name}\"); decisions show it as 'token NAME', e.g. ci-deployer");
            }

            if (token.Token is not { } secret)
            {
                errors.Add($"{key}:Token: required (got nothing); set it, e.g. VMIGRAINS__API__TOKENS__{name.ToUpperInvariant()}__TOKEN=$(openssl rand -hex 24)");
            }
            else
            {
                Tokens(errors, $"{key}:Token", [secret]);
                if (!others.Add(secret))
                {
                    errors.Add($"{key}:Token: the same secret as another token (got {Mask(secret)}); give every token its own secret");
                }
            }

            foreach (var scope in token.ScopeList.Where(s => !ApiScopes.All.Contains(s)))
            {
                errors.Add($"{key}:Scopes: unknown scope (got \"{scope}\"){DidYouMean.Suggest(scope, ApiScopes.All)}; use a comma-separated list of {string.Join(", ", ApiScopes.All)}");
            }
        }
    }

    /// <summary>A token's first characters only, so that logs never hold a whole secret.</summary>
    private static string Mask(string token) => token.Length <= 4 ? "\"****\"" : $"\"{token[..4]}…\"";
}
