namespace VmiGrains.Abstractions.Validation;

/// <summary>
/// The grain storage did not take a write (unreachable, refused, or an etag conflict with another writer).
/// The grain dropped its in-memory change and reloads from storage on its next call, so what it answers
/// and what storage holds agree; the request may be retried. Effects made before the failed write (the
/// desired state is written before anything touches a host) are what the stored state describes.
/// </summary>
[GenerateSerializer, Alias("VmiGrains.StateStorageException")]
public sealed class StateStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="provider">The storage provider and name, e.g. <c>AzureTableGrainStorage (vmis)</c>.</param>
    /// <param name="grain">What was written, e.g. <c>VMI web-01</c>.</param>
    /// <param name="reason">The provider's reason, one line.</param>
    /// <param name="conflict">True for an etag conflict (another writer changed the stored state).</param>
    public StateStorageException(string provider, string grain, string reason, bool conflict)
        : base(conflict
            ? $"storage {provider}: the stored state of {grain} was changed by another writer ({reason}); the change was not stored and {grain} reloads its stored state; retry"
            : $"storage {provider} did not take the write of {grain}: {reason}; the change was not stored and {grain} reloads its stored state on its next call; check that the storage is reachable (/readyz names it) and retry")
    {
        Provider = provider;
        Reason = reason;
        Conflict = conflict;
    }

    /// <summary>The storage provider and name.</summary>
    [Id(0)] public string Provider { get; }

    /// <summary>The provider's reason.</summary>
    [Id(1)] public string Reason { get; }

    /// <summary>An etag conflict rather than an unreachable or refusing store.</summary>
    [Id(2)] public bool Conflict { get; }
}
