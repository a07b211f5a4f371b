namespace VmiGrains.Abstractions.Model;

/// <summary>Label dictionaries compared by content: null and empty are the same.</summary>
public static class LabelSet
{
    /// <summary>True when both hold the same key/value pairs.</summary>
    public static bool Same(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value));
}
