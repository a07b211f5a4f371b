using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VmiGrains.Silo.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer TOKEN</c> against the configured read and write tokens
/// (constant-time comparison). A token in the <see cref="ApiScopes.Cookie"/> cookie grants read
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
            return Task.FromResult(Success("anonymous", ApiScopes.Read, ApiScopes.Write));
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

        if (Matches(options.WriteTokens, token))
        {
            return Task.FromResult(fromCookie ? Success("write-token-cookie", ApiScopes.Read) : Success("write-token", ApiScopes.Read, ApiScopes.Write));
        }

        return Task.FromResult(Matches(options.ReadTokens, token)
            ? Success("read-token", ApiScopes.Read)
            : AuthenticateResult.Fail("the token is not one of the configured tokens"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"vmigrains\"";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            [new("Authorization", "a valid bearer token is required", Request.Headers.Authorization.Count > 0 ? "a token that is not configured" : "no token",
                $"send 'Authorization: Bearer TOKEN' with a token from {ApiOptions.SectionName}:ReadTokens or :WriteTokens")]);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Write access required",
            [new("Authorization", "this token may only read", "a read token", $"use a token from {ApiOptions.SectionName}:WriteTokens in the Authorization header (a cookie only grants read)")]);

    private static AuthenticateResult Success(string name, params string[] scopes)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. scopes.Select(s => new Claim(ApiScopes.ClaimType, s))], ApiScopes.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiScopes.Scheme));
    }

    private static bool Matches(IList<string> tokens, string candidate)
    {
        var bytes = Encoding.UTF8.GetBytes(candidate);
        var found = false;
        foreach (var token in tokens)
        {
            // Compare with every token, in constant time, so timing reveals neither which nor how much matched.
            found |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(token));
        }

        return found;
    }
}
