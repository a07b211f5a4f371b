namespace VmiGrains.Cli;

/// <summary>The exit codes of <c>vmi</c>, the same for every verb.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Runtime failure: cluster unreachable, hypervisor error.</summary>
    public const int Failure = 1;

    /// <summary>Invalid input: bad argument, invalid document, failed assertion.</summary>
    public const int InvalidInput = 2;
}
