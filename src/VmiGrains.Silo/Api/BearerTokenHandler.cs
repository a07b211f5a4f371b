using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer TOKEN</c> against the configured tokens (constant-time
/// comparison, see <see cref="ApiCredentials"/>); the principal's name is the token's name and its
/// claims are the token's scopes. A token in the <see cref="ApiScopes.Cookie"/> cookie grants read
/// only, so that a browser can open the dashboard while cross-site requests can never change
/// anything. With no tokens configured (loopback only, enforced at start-up) every caller may do everything.
/// Refusals are problem+json naming the header and the fix.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<ApiOptions> api) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var options = api.Value;
        if (options.Anonymous)
        {
            return Task.FromResult(Success("anonymous", [.. ApiScopes.All]));
        }

        string? token = null;
        var fromCookie = false;
        var header = Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not 'Bearer TOKEN'"));
            }

            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Cookies.TryGetValue(ApiScopes.Cookie, out var cookie) && cookie.Length > 0)
        {
            token = Uri.UnescapeDataString(cookie);
            fromCookie = true;
        }

        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (Match(ApiCredentials.From(options), token) is not { } credential)
        {
            return Task.FromResult(AuthenticateResult.Fail("the token is not one of the configured tokens"));
        }

        return Task.FromResult(fromCookie ? Success($"{credential.Name} (cookie)", [ApiScopes.Read]) : Success(credential.Name, credential.Scopes));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"vmigrains\"";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            [new("Authorization", "a valid bearer token is required", Request.Headers.Authorization.Count > 0 ? "a token that is not configured" : "no token",
                $"send 'Authorization: Bearer TOKEN' with a token from {ApiOptions.SectionName}:ReadTokens or :WriteTokens")]);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy).LastOrDefault(p => p is not null && p != ApiScopes.Read) ?? ApiScopes.Write;
        var has = string.Join(",", Context.User.FindAll(ApiScopes.ClaimType).Select(c => c.Value));
        var fix = needed == ApiScopes.Exec
            ? $"use a token with scope exec ({ApiOptions.SectionName}:Tokens:NAME:Scopes=read,write,exec), or set {ApiOptions.SectionName}:WriteIncludesExec=true for the write tokens"
            : $"use a token from {ApiOptions.SectionName}:WriteTokens or one with scope write in the Authorization header (a cookie only grants read)";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, $"Scope {needed} required",
            [new("Authorization", $"this token lacks scope {needed}", $"token {Context.User.Identity?.Name} with scopes {has}", fix)]);
    }

    private static AuthenticateResult Success(string name, IReadOnlyList<string> scopes)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. scopes.Select(s => new Claim(ApiScopes.ClaimType, s))], ApiScopes.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiScopes.Scheme));
    }

    private static ApiCredentials.Credential? Match(IReadOnlyList<ApiCredentials.Credential> credentials, string candidate)
    {
        var bytes = Encoding.UTF8.GetBytes(candidate);
        ApiCredentials.Credential? found = null;
        foreach (var credential in credentials)
        {
            // Compare with every token, in constant time, so timing reveals neither which nor how much matched.
            if (CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(credential.Secret)))
            {
                found = credential;
            }
        }

        return found;
    }
}
