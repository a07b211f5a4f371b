using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// Builds the Lua tables a rule sees. Each rule call gets fresh tables, so whatever a rule writes
/// into <c>vmi</c> is discarded (only <c>vmi.state</c> is read back). Called with the memory cap
/// disarmed; the tables are small and bounded by the snapshot.
/// </summary>
internal static unsafe class SnapshotWriter
{
    /// <summary>Pushes <c>vmi</c>; <paramref name="stateIndex"/> is the absolute index of the state table.</summary>
    public static void PushVmi(nint l, VmiSnapshot snapshot, int stateIndex, int windowFunctionRef)
    {
        LuaNative.lua_createtable(l, 0, 8);
        var vmi = LuaNative.lua_gettop(l);
        LuaStack.PushString(l, snapshot.VmiId);
        SetField(l, vmi, "id"u8);
        LuaStack.PushString(l, snapshot.ProfileId);
        SetField(l, vmi, "profile"u8);
        LuaNative.lua_pushnumber(l, snapshot.Now.ToUnixTimeMilliseconds() / 1000.0);
        SetField(l, vmi, "now"u8);
        PushWindow(l, snapshot.Metrics.Default);
        SetField(l, vmi, "metrics"u8);
        _ = LuaNative.lua_rawgeti(l, LuaNative.RegistryIndex, windowFunctionRef);
        SetField(l, vmi, "window"u8);
        LuaNative.lua_pushvalue(l, stateIndex);
        SetField(l, vmi, "state"u8);
        var events = snapshot.RecentEvents;
        LuaNative.lua_createtable(l, events.Count, 0);
        for (var i = 0; i < events.Count; i++)
        {
            PushEvent(l, events[i]);
            LuaNative.lua_rawseti(l, -2, i + 1);
        }

        SetField(l, vmi, "events"u8);
    }

    /// <summary>Pushes <c>{cpu={last=..,avg=..,...}, mem=..., ...}</c> for one window.</summary>
    public static void PushWindow(nint l, WindowSummary window)
    {
        LuaNative.lua_createtable(l, 0, MetricNames.Count);
        var t = LuaNative.lua_gettop(l);
        for (var m = 0; m < MetricNames.Count; m++)
        {
            var s = window[(MetricKind)m];
            LuaNative.lua_createtable(l, 0, 7);
            var mt = LuaNative.lua_gettop(l);
            SetNumber(l, mt, "last"u8, s.Last);
            SetNumber(l, mt, "avg"u8, s.Avg);
            SetNumber(l, mt, "p95"u8, s.P95);
            SetNumber(l, mt, "max"u8, s.Max);
            SetNumber(l, mt, "ewma"u8, s.Ewma);
            SetNumber(l, mt, "trend"u8, s.Trend);
            LuaNative.lua_pushinteger(l, s.Samples);
            SetField(l, mt, "samples"u8);
            SetField(l, t, MetricKey((MetricKind)m));
        }
    }

    /// <summary>Pushes <c>{name=, source=, time=, fields={...}}</c>.</summary>
    public static void PushEvent(nint l, TelemetryEvent e)
    {
        LuaNative.lua_createtable(l, 0, 4);
        var t = LuaNative.lua_gettop(l);
        LuaStack.PushString(l, e.Name);
        SetField(l, t, "name"u8);
        LuaStack.PushString(l, e.Source);
        SetField(l, t, "source"u8);
        LuaNative.lua_pushnumber(l, e.Timestamp.ToUnixTimeMilliseconds() / 1000.0);
        SetField(l, t, "time"u8);
        PushScalars(l, e.Fields);
        SetField(l, t, "fields"u8);
    }

    /// <summary>Pushes a table of string keys to scalars (events' fields, <c>vmi.state</c>).</summary>
    public static void PushScalars(nint l, IReadOnlyDictionary<string, FieldValue> values)
    {
        LuaNative.lua_createtable(l, 0, values.Count);
        foreach (var (key, value) in values)
        {
            LuaStack.PushString(l, key);
            PushScalar(l, value);
            LuaNative.lua_rawset(l, -3);
        }
    }

    private static void PushScalar(nint l, FieldValue value)
    {
        switch (value.Kind)
        {
            case FieldValueKind.Text:
                LuaStack.PushString(l, value.Text!);
                break;
            case FieldValueKind.Logical:
                LuaNative.lua_pushboolean(l, value.Flag ? 1 : 0);
                break;
            default:
                if (value.Number == Math.Floor(value.Number) && Math.Abs(value.Number) < 9e15)
                {
                    LuaNative.lua_pushinteger(l, (long)value.Number);
                }
                else
                {
                    LuaNative.lua_pushnumber(l, value.Number);
                }

                break;
        }
    }

    private static ReadOnlySpan<byte> MetricKey(MetricKind metric) => metric switch
    {
        MetricKind.Cpu => "cpu"u8,
        MetricKind.Mem => "mem"u8,
        MetricKind.NetRx => "net_rx"u8,
        MetricKind.NetTx => "net_tx"u8,
        MetricKind.IoRead => "io_read"u8,
        _ => "io_write"u8,
    };

    private static void SetNumber(nint l, int table, ReadOnlySpan<byte> key, double value)
    {
        LuaNative.lua_pushnumber(l, value);
        SetField(l, table, key);
    }

    /// <summary>t[key] = top; pops. <paramref name="key"/> is a u8 literal (NUL-terminated in memory).</summary>
    private static void SetField(nint l, int table, ReadOnlySpan<byte> key)
    {
        fixed (byte* k = key)
        {
            LuaNative.lua_setfield(l, table, k);
        }
    }
}
