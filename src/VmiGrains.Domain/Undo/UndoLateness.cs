using System.Globalization;

namespace VmiGrains.Domain.Undo;

/// <summary>
/// Whether an undo came late enough to be worth a decision of its own. Rule: an undo carried out
/// more than <c>tolerance</c> after its expiry is late (the bound the docs promise: the VMI's rule
/// timer when its grain is active, the host's sweep interval when it is not); the text says by how
/// much and why, in the words of the one who noticed.
/// </summary>
public static class UndoLateness
{
    /// <summary>Null when on time; otherwise e.g. "12.4 s after its expiry at 10:32:01 (UTC): CAUSE".</summary>
    public static string? Describe(DateTimeOffset expiredAt, DateTimeOffset undoneAt, TimeSpan tolerance, string cause)
    {
        var late = undoneAt - expiredAt;
        return late <= tolerance
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{late.TotalSeconds:F1} s after its expiry at {expiredAt.UtcDateTime:HH:mm:ss} (UTC): {cause}");
    }
}
