namespace VmiGrains.Domain.Guests;

/// <summary>The guest operating-system family, which decides how commands are built.</summary>
public enum GuestOsFamily
{
    /// <summary>Not recognised; no command builder.</summary>
    Unknown,

    /// <summary>Linux (coreutils <c>nice</c>/<c>timeout</c>, util-linux <c>renice</c>, procps <c>pgrep</c>).</summary>
    Linux,

    /// <summary>Windows (PowerShell, <c>PriorityClass</c>).</summary>
    Windows,
}
