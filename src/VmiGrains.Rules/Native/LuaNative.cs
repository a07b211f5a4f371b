using System.Runtime.InteropServices;

namespace VmiGrains.Rules.Native;

/// <summary>
/// The slice of the Lua 5.4 C API the sandbox needs, bound directly to <c>liblua54</c> (shipped by
/// KeraLua 1.4.11). No function here is ever called with a managed frame between a Lua error and
/// its <c>lua_pcall</c>: managed callbacks never raise Lua errors.
/// </summary>
internal static unsafe partial class LuaNative
{
    private const string Lib = "lua54";

    public const int RegistryIndex = -1_000_000 - 1000;
    public const int MultRet = -1;
    public const int Ok = 0;
    public const int ErrRun = 2;
    public const int ErrMem = 4;
    public const int ErrErr = 5;
    public const int ErrSyntax = 3;
    public const int MaskCount = 1 << 3;
    public const int GcCollect = 2;
    public const int GcCount = 3;

    public const int TNil = 0;
    public const int TBoolean = 1;
    public const int TLightUserData = 2;
    public const int TNumber = 3;
    public const int TString = 4;
    public const int TTable = 5;
    public const int TFunction = 6;

    [LibraryImport(Lib)]
    public static partial nint lua_newstate(delegate* unmanaged[Cdecl]<nint, nint, nuint, nuint, nint> f, nint ud);

    [LibraryImport(Lib)]
    public static partial void lua_close(nint l);

    [LibraryImport(Lib)]
    public static partial void luaL_openlibs(nint l);

    [LibraryImport(Lib)]
    public static partial int luaL_loadbufferx(nint l, byte* buff, nuint size, byte* name, byte* mode);

    [LibraryImport(Lib)]
    public static partial int lua_pcallk(nint l, int nargs, int nresults, int errfunc, nint ctx, nint k);

    [LibraryImport(Lib)]
    public static partial int lua_gettop(nint l);

    [LibraryImport(Lib)]
    public static partial void lua_settop(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial void lua_pushvalue(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial void lua_rotate(nint l, int idx, int n);

    [LibraryImport(Lib)]
    public static partial int lua_type(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial double lua_tonumberx(nint l, int idx, int* isnum);

    [LibraryImport(Lib)]
    public static partial long lua_tointegerx(nint l, int idx, int* isnum);

    [LibraryImport(Lib)]
    public static partial int lua_toboolean(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial byte* lua_tolstring(nint l, int idx, nuint* len);

    [LibraryImport(Lib)]
    public static partial nint lua_touserdata(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial ulong lua_rawlen(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial int lua_rawgeti(nint l, int idx, long n);

    [LibraryImport(Lib)]
    public static partial int lua_rawget(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial void lua_rawseti(nint l, int idx, long n);

    [LibraryImport(Lib)]
    public static partial void lua_rawset(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial int lua_next(nint l, int idx);

    [LibraryImport(Lib)]
    public static partial void lua_pushnil(nint l);

    [LibraryImport(Lib)]
    public static partial void lua_pushnumber(nint l, double n);

    [LibraryImport(Lib)]
    public static partial void lua_pushinteger(nint l, long n);

    [LibraryImport(Lib)]
    public static partial byte* lua_pushlstring(nint l, byte* s, nuint len);

    [LibraryImport(Lib)]
    public static partial void lua_pushboolean(nint l, int b);

    [LibraryImport(Lib)]
    public static partial void lua_pushlightuserdata(nint l, nint p);

    [LibraryImport(Lib)]
    public static partial void lua_pushcclosure(nint l, delegate* unmanaged[Cdecl]<nint, int> fn, int n);

    [LibraryImport(Lib)]
    public static partial void lua_createtable(nint l, int narr, int nrec);

    [LibraryImport(Lib)]
    public static partial byte* lua_setupvalue(nint l, int funcindex, int n);

    [LibraryImport(Lib)]
    public static partial void lua_setfield(nint l, int idx, byte* k);

    [LibraryImport(Lib)]
    public static partial int lua_setmetatable(nint l, int objindex);

    [LibraryImport(Lib)]
    public static partial int luaL_ref(nint l, int t);

    [LibraryImport(Lib)]
    public static partial int lua_gc(nint l, int what);

    [LibraryImport(Lib)]
    public static partial void lua_sethook(nint l, nint func, int mask, int count);

    [LibraryImport(Lib)]
    public static partial nint lua_gethook(nint l);

    [LibraryImport(Lib)]
    public static partial nint lua_getallocf(nint l, nint* ud);

    [LibraryImport(Lib)]
    public static partial int lua_getstack(nint l, int level, byte* ar);

    [LibraryImport(Lib)]
    private static partial int lua_getinfo(nint l, byte* what, byte* ar);

    /// <summary><paramref name="what"/> is a u8 literal (NUL-terminated in memory).</summary>
    public static int lua_getinfo(nint l, ReadOnlySpan<byte> what, byte* ar)
    {
        fixed (byte* w = what)
        {
            return lua_getinfo(l, w, ar);
        }
    }

    public static bool SetUpvalue(nint l, int funcindex, int n) => lua_setupvalue(l, funcindex, n) != null;

    public static void Pop(nint l, int n) => lua_settop(l, -n - 1);

    public static int PCall(nint l, int nargs, int nresults) => lua_pcallk(l, nargs, nresults, 0, 0, 0);

    public static int UpvalueIndex(int i) => RegistryIndex - i;
}
