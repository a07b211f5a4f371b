using System.Globalization;
using VmiGrains.Domain.Rules.Actions;
using VmiGrains.Domain.Telemetry;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// Reads what a rule returned (actions) and left behind (<c>vmi.state</c>) into domain values,
/// with raw access only (no metamethods run) and bounded sizes. Never raises Lua errors.
/// </summary>
internal static class LuaValueReader
{
    private const int MaxTableEntries = 32;

    /// <summary>Reads the value at <paramref name="idx"/> as a list of actions, or returns an error message.</summary>
    public static string? ReadActions(nint l, int idx, int maxActions, int maxString, List<RawAction> into)
    {
        var type = LuaNative.lua_type(l, idx);
        if (type == LuaNative.TNil)
        {
            return null;
        }

        if (type != LuaNative.TTable)
        {
            return $"returned a {LuaStack.TypeName(type)}; return nil, an action such as switch_profile('id'), or a list of actions";
        }

        if (LuaStack.RawGetField(l, idx, "kind") != LuaNative.TNil)
        {
            LuaNative.Pop(l, 1);
            return ReadAction(l, idx, maxString, into);
        }

        LuaNative.Pop(l, 1);
        var n = LuaNative.lua_rawlen(l, idx);
        if (n > (ulong)maxActions)
        {
            return $"returned {n} actions, more than the limit of {maxActions}; return fewer actions";
        }

        for (var i = 1; i <= (int)n; i++)
        {
            _ = LuaNative.lua_rawgeti(l, idx, i);
            var top = LuaNative.lua_gettop(l);
            var error = LuaNative.lua_type(l, top) == LuaNative.TTable
                ? ReadAction(l, top, maxString, into)
                : $"action #{i} is a {LuaStack.TypeName(LuaNative.lua_type(l, top))}, not an action; build actions with the helpers";
            LuaNative.Pop(l, 1);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Reads a table of string keys to scalars (<c>vmi.state</c>); returns an error message or null.</summary>
    public static string? ReadScalars(nint l, int idx, int maxEntries, int maxString, Dictionary<string, FieldValue> into)
    {
        LuaNative.lua_pushnil(l);
        while (LuaNative.lua_next(l, idx) != 0)
        {
            if (into.Count >= maxEntries)
            {
                LuaNative.Pop(l, 2);
                return $"vmi.state has more than {maxEntries} keys; remove keys you no longer need (set them to nil)";
            }

            var key = LuaNative.lua_type(l, -2) == LuaNative.TString ? LuaStack.ToUtf8(l, -2, out _) : null;
            var value = ReadValue(l, -1, maxString, depth: 1);
            LuaNative.Pop(l, 1);
            if (key is null)
            {
                LuaNative.Pop(l, 1);
                return "vmi.state keys must be UTF-8 strings; use string keys";
            }

            if (value.Scalar is not { } scalar)
            {
                LuaNative.Pop(l, 1);
                return $"vmi.state.{key} holds {value.TypeName}; store only strings, numbers and booleans";
            }

            into[key] = scalar;
        }

        return null;
    }

    private static unsafe string? ReadAction(nint l, int idx, int maxString, List<RawAction> into)
    {
        string? kind = null;
        int? line = null;
        var fields = new Dictionary<string, RawValue>(StringComparer.Ordinal);
        LuaNative.lua_pushnil(l);
        while (LuaNative.lua_next(l, idx) != 0)
        {
            if (fields.Count >= MaxTableEntries)
            {
                LuaNative.Pop(l, 2);
                return $"an action has more than {MaxTableEntries} fields; build actions with the helpers";
            }

            var key = LuaNative.lua_type(l, -2) == LuaNative.TString ? LuaStack.ToUtf8(l, -2, out _) : null;
            if (key is null)
            {
                LuaNative.Pop(l, 2);
                return "an action has a key that is not a UTF-8 string; build actions with the helpers";
            }

            if (key == "kind")
            {
                kind = LuaNative.lua_type(l, -1) == LuaNative.TString ? LuaStack.ToUtf8(l, -1, out _) : null;
            }
            else if (key == "line")
            {
                int isNum;
                var v = LuaNative.lua_tointegerx(l, -1, &isNum);
                line = isNum != 0 && v is > 0 and < int.MaxValue ? (int)v : null;
            }
            else
            {
                fields[key] = ReadValue(l, -1, maxString, depth: 0);
            }

            LuaNative.Pop(l, 1);
        }

        into.Add(new RawAction(kind, line, fields));
        return null;
    }

    private static unsafe RawValue ReadValue(nint l, int idx, int maxString, int depth)
    {
        switch (LuaNative.lua_type(l, idx))
        {
            case LuaNative.TBoolean:
                return RawValue.Of(FieldValue.Of(LuaNative.lua_toboolean(l, idx) != 0));
            case LuaNative.TNumber:
                var d = LuaNative.lua_tonumberx(l, idx, null);
                return double.IsFinite(d) ? RawValue.Of(FieldValue.Of(d)) : new RawValue { Unsupported = "a number that is not finite" };
            case LuaNative.TString:
                var s = LuaStack.ToUtf8(l, idx, out var bytes);
                if (s is null)
                {
                    return new RawValue { Unsupported = $"a string of {bytes} bytes that is not valid UTF-8" };
                }

                return bytes > maxString
                    ? new RawValue { Unsupported = $"a string of {bytes} bytes, more than the limit of {maxString}" }
                    : RawValue.Of(FieldValue.Of(s));
            case LuaNative.TTable when depth == 0:
                return ReadTable(l, idx, maxString);
            case LuaNative.TTable:
                return new RawValue { Unsupported = "a nested table (only one level of tables is allowed)" };
            case var other:
                return new RawValue { Unsupported = $"a {LuaStack.TypeName(other)}" };
        }
    }

    private static unsafe RawValue ReadTable(nint l, int idx, int maxString)
    {
        var abs = idx < 0 ? LuaNative.lua_gettop(l) + idx + 1 : idx;
        var table = new Dictionary<string, RawValue>(StringComparer.Ordinal);
        LuaNative.lua_pushnil(l);
        while (LuaNative.lua_next(l, abs) != 0)
        {
            if (table.Count >= MaxTableEntries)
            {
                LuaNative.Pop(l, 2);
                return new RawValue { Unsupported = $"a table with more than {MaxTableEntries} entries" };
            }

            string? key;
            var keyType = LuaNative.lua_type(l, -2);
            if (keyType == LuaNative.TString)
            {
                key = LuaStack.ToUtf8(l, -2, out _);
            }
            else if (keyType == LuaNative.TNumber)
            {
                int isNum;
                var n = LuaNative.lua_tointegerx(l, -2, &isNum);
                key = isNum != 0 ? n.ToString(CultureInfo.InvariantCulture) : null;
            }
            else
            {
                key = null;
            }

            if (key is null)
            {
                LuaNative.Pop(l, 2);
                return new RawValue { Unsupported = "a table with a key that is not a string or integer" };
            }

            table[key] = ReadValue(l, -1, maxString, depth: 1);
            LuaNative.Pop(l, 1);
        }

        return new RawValue { Table = table };
    }
}
