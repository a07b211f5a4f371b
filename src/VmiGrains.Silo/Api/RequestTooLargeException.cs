namespace VmiGrains.Silo.Api;

/// <summary>A request body over <see cref="ApiOptions.MaxRequestBodyBytes"/>; answered with 413.</summary>
internal sealed class RequestTooLargeException(long limit, long? length)
    : Exception($"the request body is larger than {limit} bytes")
{
    /// <summary>The configured limit.</summary>
    public long Limit { get; } = limit;

    /// <summary>The declared Content-Length, when there was one.</summary>
    public long? Length { get; } = length;
}
