namespace VmiGrains.Libvirt;

/// <summary>The <c>virErrorNumber</c> values this project reacts to.</summary>
public static class LibvirtErrorCodes
{
    /// <summary><c>VIR_ERR_NO_SUPPORT</c>: the driver lacks the function.</summary>
    public const int NoSupport = 3;

    /// <summary><c>VIR_ERR_INVALID_ARG</c>.</summary>
    public const int InvalidArgument = 8;

    /// <summary><c>VIR_ERR_NO_DOMAIN</c>.</summary>
    public const int NoDomain = 42;

    /// <summary><c>VIR_ERR_OPERATION_INVALID</c>: not applicable in the domain's state.</summary>
    public const int OperationInvalid = 55;

    /// <summary><c>VIR_ERR_NO_NWFILTER</c>: no network filter of that name.</summary>
    public const int NoNetworkFilter = 62;

    /// <summary><c>VIR_ERR_ARGUMENT_UNSUPPORTED</c>.</summary>
    public const int ArgumentUnsupported = 74;

    /// <summary><c>VIR_ERR_OPERATION_UNSUPPORTED</c>.</summary>
    public const int OperationUnsupported = 84;

    /// <summary>True for the codes that mean "this driver cannot do it" rather than "this value is wrong".</summary>
    public static bool IsUnsupported(int code) => code is NoSupport or ArgumentUnsupported or OperationUnsupported;
}
