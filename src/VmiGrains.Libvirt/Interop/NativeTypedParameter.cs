using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt.Interop;

/// <summary><c>virTypedParameter</c>: 96 bytes, <c>field[80]</c>, <c>int type</c> at 80, value union at 88.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct NativeTypedParameter
{
    public const int Size = 96;
    public const int FieldLength = 80;

    [FieldOffset(0)]
    public fixed byte Field[FieldLength];

    [FieldOffset(80)]
    public int Type;

    [FieldOffset(88)]
    public int Int;

    [FieldOffset(88)]
    public uint UInt;

    [FieldOffset(88)]
    public long LLong;

    [FieldOffset(88)]
    public ulong ULLong;

    [FieldOffset(88)]
    public double Double;

    [FieldOffset(88)]
    public byte Boolean;

    [FieldOffset(88)]
    public byte* String;
}
