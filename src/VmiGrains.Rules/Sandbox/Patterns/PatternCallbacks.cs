using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox.Patterns;

/// <summary>
/// <c>scan(s, p, init, mode, no_empty_at, out)</c>: the one C function behind the sandbox's
/// <c>string.find/match/gmatch/gsub</c>. It only reports positions (written as integers into the
/// preallocated <c>out</c> table, so it never allocates); the Lua wrappers cut the strings, where
/// the memory cap and the budget see them. Steps are taken from the call's instruction budget.
/// </summary>
internal static unsafe class PatternCallbacks
{
    /// <summary>Pattern, '^' not an anchor (gmatch).</summary>
    public const int ModeUnanchored = 0;

    /// <summary>Pattern, a leading '^' anchors at init (find, match, gsub).</summary>
    public const int ModePattern = 1;

    /// <summary>Plain search (find with plain=true).</summary>
    public const int ModePlain = 2;

    /// <summary>Plain when the pattern has no special characters, as Lua's find does.</summary>
    public const int ModeFind = 3;

    private static readonly System.Buffers.SearchValues<byte> Specials = System.Buffers.SearchValues.Create("^$*+?.([%-"u8);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Scan(nint l)
    {
        var control = SandboxCallbacks.ControlOf(l);
        nuint ls, lp;
        var sp = LuaNative.lua_tolstring(l, 1, &ls);
        var pp = LuaNative.lua_tolstring(l, 2, &lp);
        if (sp == null || pp == null || control->Tripped != SandboxTrip.None)
        {
            LuaNative.lua_pushinteger(l, (int)PatternOutcome.Budget);
            return 1;
        }

        var subject = new ReadOnlySpan<byte>(sp, (int)ls);
        var pattern = new ReadOnlySpan<byte>(pp, (int)lp);
        var init = (int)LuaNative.lua_tointegerx(l, 3, null);
        var mode = (int)LuaNative.lua_tointegerx(l, 4, null);
        var noEmptyAt = (int)LuaNative.lua_tointegerx(l, 5, null);
        Span<int> output = stackalloc int[PatternMatcher.OutputLength];
        var budget = new PatternBudget(control->InstructionsLeft, control);

        int result;
        if (mode == ModePlain || (mode == ModeFind && !pattern.ContainsAny(Specials)))
        {
            var at = PatternMatcher.FindPlain(subject, pattern, init, ref budget);
            output[0] = at;
            output[1] = at + pattern.Length;
            result = at >= 0 ? 0 : at;
        }
        else
        {
            var anchor = mode != ModeUnanchored && pattern.Length > 0 && pattern[0] == '^';
            result = PatternMatcher.Scan(subject, anchor ? pattern[1..] : pattern, init, anchor, noEmptyAt, output, ref budget);
        }

        control->InstructionsLeft = budget.Steps;
        if (result == (int)PatternOutcome.Budget)
        {
            SandboxCallbacks.Trip(control, budget.ClockTrip != SandboxTrip.None ? budget.ClockTrip : SandboxTrip.Instructions);
        }
        else if (result >= 0 || result == (int)PatternOutcome.InvalidCaptureIndex)
        {
            var count = result >= 0 ? 2 + (2 * result) : 1;
            for (var i = 0; i < count; i++)
            {
                LuaNative.lua_pushinteger(l, output[i]);
                LuaNative.lua_rawseti(l, 6, i + 1);
            }
        }

        LuaNative.lua_pushinteger(l, result);
        return 1;
    }
}
