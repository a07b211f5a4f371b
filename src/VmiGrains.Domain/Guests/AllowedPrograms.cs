namespace VmiGrains.Domain.Guests;

/// <summary>
/// A profile's <c>allowed_programs</c>: an entry with a slash allows that exact path; a bare name allows
/// any path whose file name it is (<c>nc</c> allows <c>/usr/bin/nc</c>).
/// </summary>
public static class AllowedPrograms
{
    /// <summary>Whether <paramref name="path"/> (absolute) is allowed by <paramref name="allowed"/>.</summary>
    public static bool Allows(IReadOnlyList<string> allowed, string path)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(path);
        var name = System.IO.Path.GetFileName(path);
        return allowed.Any(a => a == path || (!a.Contains('/', StringComparison.Ordinal) && a == name));
    }

    /// <summary>
    /// The guest path a rule's <c>run(program)</c> starts, stricter than <see cref="Allows"/>: an absolute
    /// program only when listed exactly; a bare name through the first absolute entry with that file name.
    /// A bare entry alone allows no run (it names no path). Null when not allowed.
    /// </summary>
    public static string? Resolve(IReadOnlyList<string> allowed, string program)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(program);
        return program.StartsWith('/')
            ? allowed.FirstOrDefault(a => a == program)
            : allowed.FirstOrDefault(a => a.StartsWith('/') && System.IO.Path.GetFileName(a) == program);
    }
}
