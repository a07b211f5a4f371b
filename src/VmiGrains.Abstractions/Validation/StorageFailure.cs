namespace VmiGrains.Abstractions.Validation;

/// <summary>
/// A grain that could not load its state fails its activation with Orleans' own
/// <c>OrleansException("Error from storage provider P.NAME during ReadStateAsync for grain G … Exc level 0: REASON")</c>,
/// before any VmiGrains code runs. This reads the provider and its reason from it, so that the REST API and
/// the CLI say "storage unavailable" and not "the cluster did not answer".
/// </summary>
/// <param name="Provider">The provider and state name, e.g. <c>AzureTableGrainStorage.vmi</c>.</param>
/// <param name="Operation"><c>read</c> or <c>write</c>.</param>
/// <param name="Reason">The provider's own first line.</param>
public sealed record StorageFailure(string Provider, string Operation, string Reason)
{
    private const string Prefix = "Error from storage provider ";
    private const string Level0 = "Exc level 0: ";

    /// <summary>The failure <paramref name="exception"/> reports, or null when it is not a storage provider's.</summary>
    public static StorageFailure? From(OrleansException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var provider = message[Prefix.Length..].Split(' ', 2)[0];
        var inner = exception.GetBaseException();
        var level = message.IndexOf(Level0, StringComparison.Ordinal);
        var reason = !ReferenceEquals(inner, exception) ? inner.Message
            : level >= 0 ? message[(level + Level0.Length)..] : "no reason given";
        reason = reason.Split('\n', 2)[0].Trim();
        return new StorageFailure(provider, message.Contains("ReadStateAsync", StringComparison.Ordinal) ? "read" : "write",
            reason.Length > 300 ? reason[..300] + "…" : reason);
    }

    /// <summary>One sentence: which storage, what it did not do, why.</summary>
    public override string ToString() => $"storage {Provider} did not answer the {Operation} of a grain's state: {Reason}";
}
