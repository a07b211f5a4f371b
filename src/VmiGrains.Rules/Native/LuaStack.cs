using System.Text;

namespace VmiGrains.Rules.Native;

/// <summary>Small typed helpers over <see cref="LuaNative"/>: strings are UTF-8 and never run metamethods.</summary>
internal static unsafe class LuaStack
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static void PushString(nint l, string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max <= 512)
        {
            byte* buf = stackalloc byte[max];
            var n = Encoding.UTF8.GetBytes(s, new Span<byte>(buf, max));
            LuaNative.lua_pushlstring(l, buf, (nuint)n);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(s);
        fixed (byte* p = bytes)
        {
            LuaNative.lua_pushlstring(l, p, (nuint)bytes.Length);
        }
    }

    /// <summary>Sets <c>t[key] = top</c> without metamethods and pops the value; <paramref name="table"/> must be absolute.</summary>
    public static void RawSetField(nint l, int table, string key)
    {
        PushString(l, key);
        LuaNative.lua_rotate(l, -2, 1);
        LuaNative.lua_rawset(l, table);
    }

    /// <summary>Pushes <c>t[key]</c> without metamethods; returns its type.</summary>
    public static int RawGetField(nint l, int table, string key)
    {
        PushString(l, key);
        return LuaNative.lua_rawget(l, table < 0 && table > LuaNative.RegistryIndex ? table - 1 : table);
    }

    /// <summary>The string at <paramref name="idx"/> (a real string only, numbers are not converted); null if not valid UTF-8.</summary>
    public static string? ToUtf8(nint l, int idx, out int byteLength)
    {
        nuint len;
        var p = LuaNative.lua_tolstring(l, idx, &len);
        byteLength = (int)len;
        if (p == null)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(p, (int)len);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static string TypeName(int type) => type switch
    {
        LuaNative.TNil => "nil",
        LuaNative.TBoolean => "boolean",
        LuaNative.TLightUserData => "userdata",
        LuaNative.TNumber => "number",
        LuaNative.TString => "string",
        LuaNative.TTable => "table",
        LuaNative.TFunction => "function",
        7 => "userdata",
        8 => "thread",
        _ => "unknown",
    };
}
