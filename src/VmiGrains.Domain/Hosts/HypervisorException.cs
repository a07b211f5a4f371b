namespace VmiGrains.Domain.Hosts;

/// <summary>
/// A hypervisor operation failed in a way that is not an expected outcome (connection lost, driver
/// error). Carries the hypervisor's own error code and message; the hypervisor's exception is the inner one.
/// </summary>
public sealed class HypervisorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HypervisorException(string message, int code = 0, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>Creates the exception with no message.</summary>
    public HypervisorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HypervisorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public HypervisorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The hypervisor's error code (libvirt's <c>virErrorNumber</c>), 0 when unknown.</summary>
    public int Code { get; }
}
