namespace VmiGrains.Domain.Guests;

/// <summary>An exact program path and argument array for QGA <c>guest-exec</c> (no shell parsing).</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestCommand")]
public sealed record GuestCommand(
    [property: Id(0)] string Path,
    [property: Id(1)] IReadOnlyList<string> Args)
{
    /// <summary>Value equality over the argument array too (records compare lists by reference).</summary>
    public bool Equals(GuestCommand? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && Args.SequenceEqual(other.Args, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Args.Count);

    /// <summary>The command as one line, for logs and decisions (arguments with spaces are quoted).</summary>
    public override string ToString() =>
        string.Join(' ', new[] { Path }.Concat(Args).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));
}
