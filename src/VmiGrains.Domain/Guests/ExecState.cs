namespace VmiGrains.Domain.Guests;

/// <summary>Whether a started program is still running.</summary>
public enum ExecState
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>Ended with an exit code or a signal.</summary>
    Exited,
}
