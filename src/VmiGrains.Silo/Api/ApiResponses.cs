namespace VmiGrains.Silo.Api;

/// <summary>
/// The refusals an endpoint can answer, declared where it is mapped so that the OpenAPI document lists them. The rule:
/// every endpoint 401 (no or an unknown token) and 503 (the cluster, a grain storage or the VMI's host not answering,
/// see <see cref="ApiExceptionHandler"/>); a change 403 (a token without the scope) and 409 (another writer changed the
/// stored state first); a JSON body 400, 413 and 415; whatever else an endpoint refuses (404, a bad query's 400, a
/// conflict of its own) it names with <see cref="Problems"/>.
/// </summary>
internal static class ApiResponses
{
    /// <summary>401 and 503 on every endpoint of <paramref name="api"/>.</summary>
    public static RouteGroupBuilder WithApiProblems(this RouteGroupBuilder api) =>
        api.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Requires <paramref name="scope"/> (403 without it); a change may also meet a storage conflict (409).</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string scope) =>
        endpoint.RequireAuthorization(scope).Problems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

    /// <summary>A JSON body of <typeparamref name="TBody"/>: 400 when invalid, 413 when too large, 415 when not JSON.</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder endpoint)
        where TBody : notnull =>
        endpoint.Accepts<TBody>(ApiJson.MediaType)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Problem responses (application/problem+json) with <paramref name="statuses"/>.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }
}
