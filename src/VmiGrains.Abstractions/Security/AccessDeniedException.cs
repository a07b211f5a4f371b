namespace VmiGrains.Abstractions.Security;

/// <summary>
/// A silo refused a client's call: the method belongs to the cluster's own protocol (silos only), or
/// the caller lacks the scope it needs. Nothing ran.
/// </summary>
[GenerateSerializer, Alias("VmiGrains.AccessDeniedException")]
public sealed class AccessDeniedException : Exception
{
    /// <summary>Creates the exception for <paramref name="method"/> with the reason and the fix in <paramref name="message"/>.</summary>
    public AccessDeniedException(string method, string message)
        : base(message)
    {
        Method = method;
    }

    /// <summary>The refused method, as <c>Interface.Method</c>.</summary>
    [Id(0)] public string Method { get; }
}
