namespace VmiGrains.Grains.Network;

/// <summary>
/// An nft or tc command failed, or the host cannot do what was asked (e.g. no netem in the
/// kernel, a foreign qdisc on the tap). The message names the command, what went wrong and the fix;
/// the change was not applied (or was rolled back).
/// </summary>
[GenerateSerializer, Alias("VmiGrains.NetworkEnforcementException")]
public sealed class NetworkEnforcementException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NetworkEnforcementException(string command, int exitCode, string message)
        : base(message)
    {
        Command = command;
        ExitCode = exitCode;
    }

    /// <summary>The command line that failed (no shell was involved).</summary>
    [Id(0)] public string Command { get; }

    /// <summary>Its exit code, or -1 when it did not run to completion.</summary>
    [Id(1)] public int ExitCode { get; }
}
