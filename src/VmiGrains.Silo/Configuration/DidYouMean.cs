namespace VmiGrains.Silo.Configuration;

/// <summary>Suggests the closest known name for a misspelt one (edit distance, case ignored).</summary>
internal static class DidYouMean
{
    /// <summary>"; did you mean X?" when a known name is within a third of the word's length, else empty.</summary>
    public static string Suggest(string? value, IEnumerable<string> known)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var lower = value.Trim().ToUpperInvariant();
        var best = known
            .Select(k => (Name: k, Distance: Distance(lower, k.ToUpperInvariant())))
            .OrderBy(k => k.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, lower.Length / 3) ? $"; did you mean {best.Name}?" : string.Empty;
    }

    /// <summary>Levenshtein distance: the fewest single-character inserts, deletes and substitutions.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
