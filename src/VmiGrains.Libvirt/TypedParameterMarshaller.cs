using System.Runtime.InteropServices;
using System.Text;
using VmiGrains.Libvirt.Interop;

namespace VmiGrains.Libvirt;

/// <summary>
/// Moves typed parameters across the boundary. Numeric arrays are built in our own memory (no native
/// strings to own); arrays with strings are built by libvirt (<c>virTypedParamsAdd*</c>) and freed with
/// <c>virTypedParamsFree</c>. Getter results are copied, then <c>virTypedParamsClear</c> frees their strings.
/// </summary>
internal static unsafe class TypedParameterMarshaller
{
    public delegate int Setter(NativeTypedParameter* parameters, int count);

    public delegate int Getter(NativeTypedParameter* parameters, int* count);

    /// <summary>Marshals <paramref name="parameters"/> and calls <paramref name="setter"/>; throws libvirt's error.</summary>
    public static void Set(string operation, ReadOnlySpan<TypedParameter> parameters, Setter setter)
    {
        foreach (var p in parameters)
        {
            if (p.Type == TypedParameterType.String)
            {
                SetWithLibvirtArray(operation, parameters, setter);
                return;
            }
        }

        var count = parameters.Length;
        var buffer = (NativeTypedParameter*)NativeMemory.AllocZeroed((nuint)(Math.Max(1, count) * NativeTypedParameter.Size));
        try
        {
            for (var i = 0; i < count; i++)
            {
                Write(ref buffer[i], parameters[i]);
            }

            if (setter(buffer, count) < 0)
            {
                throw LibvirtException.FromLastError(operation);
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    /// <summary>Calls a getter twice (count, then values) and copies the values out.</summary>
    public static TypedParameter[] Get(string operation, Getter getter)
    {
        var count = 0;
        if (getter(null, &count) < 0)
        {
            throw LibvirtException.FromLastError(operation);
        }

        return GetExactly(operation, count, getter);
    }

    /// <summary>Calls a getter once with room for <paramref name="count"/> values.</summary>
    public static TypedParameter[] GetExactly(string operation, int count, Getter getter)
    {
        if (count <= 0)
        {
            return [];
        }

        var buffer = (NativeTypedParameter*)NativeMemory.AllocZeroed((nuint)(count * NativeTypedParameter.Size));
        try
        {
            if (getter(buffer, &count) < 0)
            {
                throw LibvirtException.FromLastError(operation);
            }

            return Read(buffer, count);
        }
        finally
        {
            LibvirtNative.virTypedParamsClear(buffer, count);
            NativeMemory.Free(buffer);
        }
    }

    /// <summary>Copies <paramref name="count"/> native parameters into managed ones (does not free).</summary>
    public static TypedParameter[] Read(NativeTypedParameter* parameters, int count)
    {
        var result = new TypedParameter[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Read(ref parameters[i]);
        }

        return result;
    }

    private static TypedParameter Read(ref NativeTypedParameter p)
    {
        string name;
        fixed (byte* field = p.Field)
        {
            var span = new ReadOnlySpan<byte>(field, NativeTypedParameter.FieldLength);
            var end = span.IndexOf((byte)0);
            name = Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }

        return (TypedParameterType)p.Type switch
        {
            TypedParameterType.Int => TypedParameter.Int(name, p.Int),
            TypedParameterType.UInt => TypedParameter.UInt(name, p.UInt),
            TypedParameterType.LLong => TypedParameter.LLong(name, p.LLong),
            TypedParameterType.ULLong => TypedParameter.ULLong(name, p.ULLong),
            TypedParameterType.Double => TypedParameter.Double(name, p.Double),
            TypedParameterType.Boolean => TypedParameter.Boolean(name, p.Boolean != 0),
            TypedParameterType.String => TypedParameter.String(name, NativeStrings.Borrow(p.String)),
            _ => throw new NotSupportedException($"libvirt returned parameter '{name}' with unknown type {p.Type}; update TypedParameterType."),
        };
    }

    private static void Write(ref NativeTypedParameter target, TypedParameter source)
    {
        fixed (byte* field = target.Field)
        {
            var span = new Span<byte>(field, NativeTypedParameter.FieldLength - 1);
            if (!Encoding.UTF8.TryGetBytes(source.Name, span, out _))
            {
                throw new ArgumentException(
                    $"parameter name '{source.Name}' is longer than libvirt's {NativeTypedParameter.FieldLength - 1} bytes; use the name libvirt documents (e.g. 'weight').",
                    nameof(source));
            }
        }

        target.Type = (int)source.Type;
        target.ULLong = source.Bits;
    }

    private static void SetWithLibvirtArray(string operation, ReadOnlySpan<TypedParameter> parameters, Setter setter)
    {
        NativeTypedParameter* array = null;
        var count = 0;
        var capacity = 0;
        try
        {
            foreach (var p in parameters)
            {
                var rc = p.Type switch
                {
                    TypedParameterType.Int => LibvirtNative.virTypedParamsAddInt(&array, &count, &capacity, p.Name, (int)p.Bits),
                    TypedParameterType.UInt => LibvirtNative.virTypedParamsAddUInt(&array, &count, &capacity, p.Name, (uint)p.Bits),
                    TypedParameterType.LLong => LibvirtNative.virTypedParamsAddLLong(&array, &count, &capacity, p.Name, (long)p.Bits),
                    TypedParameterType.ULLong => LibvirtNative.virTypedParamsAddULLong(&array, &count, &capacity, p.Name, p.Bits),
                    TypedParameterType.Double => LibvirtNative.virTypedParamsAddDouble(&array, &count, &capacity, p.Name, BitConverter.UInt64BitsToDouble(p.Bits)),
                    TypedParameterType.Boolean => LibvirtNative.virTypedParamsAddBoolean(&array, &count, &capacity, p.Name, p.Bits != 0 ? 1 : 0),
                    _ => LibvirtNative.virTypedParamsAddString(&array, &count, &capacity, p.Name, p.Text ?? string.Empty),
                };
                if (rc < 0)
                {
                    throw LibvirtException.FromLastError("virTypedParamsAdd");
                }
            }

            if (setter(array, count) < 0)
            {
                throw LibvirtException.FromLastError(operation);
            }
        }
        finally
        {
            LibvirtNative.virTypedParamsFree(array, count);
        }
    }
}
