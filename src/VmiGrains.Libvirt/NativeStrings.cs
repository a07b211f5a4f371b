using System.Runtime.InteropServices;

namespace VmiGrains.Libvirt;

/// <summary>Strings coming back from libvirt: borrowed ones are copied, owned ones are copied and freed.</summary>
internal static unsafe class NativeStrings
{
    public static string Borrow(byte* value) => Marshal.PtrToStringUTF8((nint)value) ?? string.Empty;

    public static string Take(byte* value)
    {
        try
        {
            return Borrow(value);
        }
        finally
        {
            NativeMemory.Free(value);
        }
    }
}
