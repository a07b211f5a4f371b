using System.Globalization;

namespace VmiGrains.Libvirt;

/// <summary>
/// A managed copy of one <c>virTypedParameter</c>. libvirt checks types strictly
/// ("invalid type 'ullong' for parameter 'weight', expected 'uint'"), so build each with the type the
/// driver expects.
/// </summary>
internal readonly record struct TypedParameter
{
    private readonly ulong _bits;

    private TypedParameter(string name, TypedParameterType type, ulong bits, string? text)
    {
        Name = name;
        Type = type;
        _bits = bits;
        Text = text;
    }

    /// <summary>Parameter name (at most 79 UTF-8 bytes).</summary>
    public string Name { get; }

    /// <summary>Value type.</summary>
    public TypedParameterType Type { get; }

    /// <summary>The value of a <see cref="TypedParameterType.String"/> parameter.</summary>
    public string? Text { get; }

    /// <summary>The raw 8 value bytes (numeric types).</summary>
    internal ulong Bits => _bits;

    /// <summary>An <c>int</c> parameter.</summary>
    public static TypedParameter Int(string name, int value) => new(name, TypedParameterType.Int, (ulong)(long)value, null);

    /// <summary>An <c>unsigned int</c> parameter.</summary>
    public static TypedParameter UInt(string name, uint value) => new(name, TypedParameterType.UInt, value, null);

    /// <summary>A <c>long long</c> parameter.</summary>
    public static TypedParameter LLong(string name, long value) => new(name, TypedParameterType.LLong, (ulong)value, null);

    /// <summary>An <c>unsigned long long</c> parameter.</summary>
    public static TypedParameter ULLong(string name, ulong value) => new(name, TypedParameterType.ULLong, value, null);

    /// <summary>A <c>double</c> parameter.</summary>
    public static TypedParameter Double(string name, double value) => new(name, TypedParameterType.Double, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>A boolean parameter.</summary>
    public static TypedParameter Boolean(string name, bool value) => new(name, TypedParameterType.Boolean, value ? 1UL : 0UL, null);

    /// <summary>A string parameter.</summary>
    public static TypedParameter String(string name, string value) => new(name, TypedParameterType.String, 0, value);

    /// <summary>The value as an unsigned integer for the integer and boolean types (negative values give 0); null otherwise.</summary>
    public ulong? AsUInt64() => Type switch
    {
        TypedParameterType.Int => (ulong)Math.Max(0, (int)_bits),
        TypedParameterType.UInt => (uint)_bits,
        TypedParameterType.LLong => (ulong)Math.Max(0, (long)_bits),
        TypedParameterType.ULLong or TypedParameterType.Boolean => _bits,
        _ => null,
    };

    /// <summary>The value as a double for the numeric types; null for strings.</summary>
    public double? AsDouble() => Type switch
    {
        TypedParameterType.Double => BitConverter.UInt64BitsToDouble(_bits),
        TypedParameterType.Int => (int)_bits,
        TypedParameterType.LLong => (long)_bits,
        TypedParameterType.String => null,
        _ => AsUInt64(),
    };

    /// <inheritdoc />
    public override string ToString() => Type == TypedParameterType.String
        ? $"{Name}={Text}"
        : $"{Name}={AsDouble()?.ToString(CultureInfo.InvariantCulture)} ({Type})";
}
