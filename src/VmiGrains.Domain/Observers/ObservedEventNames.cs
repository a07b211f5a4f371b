namespace VmiGrains.Domain.Observers;

/// <summary>Names of the events the observers raise.</summary>
public static class ObservedEventNames
{
    /// <summary>A user appeared in <c>guest-get-users</c>.</summary>
    public const string Login = "login";

    /// <summary>A user left <c>guest-get-users</c>.</summary>
    public const string Logout = "logout";

    /// <summary>A process of an observed application appeared.</summary>
    public const string AppStart = "app_start";

    /// <summary>A process of an observed application ended.</summary>
    public const string AppStop = "app_stop";

    /// <summary>Calls of a traced application since the last poll (one event per application, call and first string argument).</summary>
    public const string Syscall = "syscall";

    /// <summary>A poll found more changes than the budget lets through: one event with the count of the rest.</summary>
    public const string Dropped = "observer_dropped";
}
