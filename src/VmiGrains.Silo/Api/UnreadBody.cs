using Microsoft.AspNetCore.Http.Features;

namespace VmiGrains.Silo.Api;

/// <summary>
/// An error answered before the request body was read (oversize, wrong Content-Type, unknown route)
/// says <c>Connection: close</c>: Kestrel will not drain a large unread body and closes the
/// connection, and a keep-alive client that was not told sends its next request into the closing
/// connection and gets no answer at all.
/// </summary>
internal static class UnreadBody
{
    private const string ReadKey = "VmiGrains.BodyRead";

    /// <summary>Marks the body of <paramref name="context"/> as read to its end.</summary>
    public static void MarkRead(HttpContext context) => context.Items[ReadKey] = true;

    /// <summary>Adds <c>Connection: close</c> when the request carries a body that was not read and the response has not started.</summary>
    public static void CloseIfUnread(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
        if (hasBody && !context.Items.ContainsKey(ReadKey) && !context.Response.HasStarted)
        {
            context.Response.Headers.Connection = "close";
        }
    }
}
