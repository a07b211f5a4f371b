namespace VmiGrains.Silo.Api;

/// <summary>Body of <c>POST /api/v1/vms/{vmi}/exec</c>: the REST form of <c>vmi exec</c>.</summary>
public sealed class ExecRequest
{
    /// <summary>Absolute path of the program in the guest.</summary>
    public string? Path { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>The application whose priority applies; default the program's file name.</summary>
    public string? App { get; init; }

    /// <summary>A profile to apply first.</summary>
    public string? Profile { get; init; }

    /// <summary>Apply <see cref="Profile"/> only for this run.</summary>
    public bool Scoped { get; init; }

    /// <summary>Kill the program after this many seconds; none when omitted.</summary>
    public int? TimeoutSeconds { get; init; }
}
