namespace VmiGrains.Domain.Guests;

/// <summary>Why a guest-agent call did not succeed. Each kind is an expected outcome, not a bug.</summary>
public enum GuestAgentErrorKind
{
    /// <summary>No agent answered: the socket/channel is missing, refused, or closed (agent not running, VM off).</summary>
    NotConnected,

    /// <summary>The agent did not answer within the allowed time (busy, hung, or another client holds the channel).</summary>
    Timeout,

    /// <summary>The agent answered with a QGA error (<see cref="GuestAgentError.ErrorClass"/> and <see cref="GuestAgentError.ErrorDescription"/>).</summary>
    CommandFailed,

    /// <summary>The agent refuses the command because it is blocked (<c>--block-rpcs</c>) or not in <c>--allow-rpcs</c>.</summary>
    CommandDisabled,

    /// <summary>The agent does not know the process id (already reaped, or the agent restarted since it was started).</summary>
    ProcessNotFound,

    /// <summary>The agent's reply was not valid QGA JSON, too large, or out of sync.</summary>
    ProtocolError,

    /// <summary>The request was refused before anything was sent to the guest; nothing was executed.</summary>
    InvalidArgument,

    /// <summary>The guest's operating system has no command builder (neither Linux nor Windows).</summary>
    UnsupportedGuest,
}
