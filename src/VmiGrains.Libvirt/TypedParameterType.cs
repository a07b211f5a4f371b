namespace VmiGrains.Libvirt;

/// <summary><c>virTypedParameterType</c>.</summary>
internal enum TypedParameterType
{
    /// <summary>int.</summary>
    Int = 1,

    /// <summary>unsigned int.</summary>
    UInt = 2,

    /// <summary>long long.</summary>
    LLong = 3,

    /// <summary>unsigned long long.</summary>
    ULLong = 4,

    /// <summary>double.</summary>
    Double = 5,

    /// <summary>boolean (a char).</summary>
    Boolean = 6,

    /// <summary>string.</summary>
    String = 7,
}
