using System.Runtime.InteropServices;
using System.Text;
using VmiGrains.Rules.Native;

namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// One sandboxed Lua 5.4 state. Used by one thread at a time (the pool guarantees it).
/// The allocator cap is armed only around <c>lua_pcall</c>; managed callbacks disarm it while
/// they push values, so no allocation failure can longjmp across a managed frame.
/// </summary>
internal sealed unsafe partial class LuaSandbox : IDisposable
{
    private readonly SandboxControl* _control;
    private readonly GCHandle _self;
    private readonly int _newEnvRef;
    private readonly int _freezeRef;
    private readonly int _windowRef;
    private bool _disposed;

    public LuaSandbox(SandboxLimits limits)
    {
        Limits = limits;
        _control = (SandboxControl*)NativeMemory.AllocZeroed((nuint)sizeof(SandboxControl));
        _control->Limit = limits.MemoryLimitBytes;
        _control->MaxAllocation = limits.MaxAllocationBytes;
        _control->HookInterval = SandboxPrelude.HookInterval;
        State = LuaNative.lua_newstate(&SandboxCallbacks.Allocate, (nint)_control);
        if (State == 0)
        {
            NativeMemory.Free(_control);
            throw new InvalidOperationException("lua_newstate failed (out of memory)");
        }

        _control->State = State;
        _self = GCHandle.Alloc(this, GCHandleType.Weak);
        LuaNative.luaL_openlibs(State);
        if (Load(SandboxPrelude.Source, "=sandbox") != LuaNative.Ok)
        {
            throw new InvalidOperationException($"sandbox prelude does not compile: {PopMessage()}");
        }

        LuaNative.lua_pushcclosure(State, &SandboxCallbacks.TripMessage, 0);
        LuaNative.lua_pushinteger(State, limits.MaxStringLength);
        LuaNative.lua_pushlightuserdata(State, GCHandle.ToIntPtr(_self));
        LuaNative.lua_pushcclosure(State, &GetWindow, 1);
        ActionHelpers.PushTable(State, (nint)_control);
        LuaNative.lua_pushcclosure(State, &Patterns.PatternCallbacks.Scan, 0);
        LuaNative.lua_pushcclosure(State, &SandboxCallbacks.ChargeUnits, 0);
        if (LuaNative.PCall(State, 6, 3) != LuaNative.Ok)
        {
            throw new InvalidOperationException($"sandbox prelude failed: {PopMessage()}");
        }

        _windowRef = LuaNative.luaL_ref(State, LuaNative.RegistryIndex);
        _freezeRef = LuaNative.luaL_ref(State, LuaNative.RegistryIndex);
        _newEnvRef = LuaNative.luaL_ref(State, LuaNative.RegistryIndex);

        // The prelude left debug.sethook's raising hook installed; keep it for trips and count with ours.
        _control->RaiseHook = LuaNative.lua_gethook(State);
        InstallCountHook();
        _ = LuaNative.lua_gc(State, LuaNative.GcCollect);
    }

    /// <summary>The raw lua_State*.</summary>
    public nint State { get; }

    public SandboxLimits Limits { get; }

    /// <summary>Bytes the Lua heap holds now.</summary>
    public long UsedBytes => _control->Used;

    /// <summary>False once the heap stays above half the cap after a full collection: the pool drops the state.</summary>
    public bool Healthy { get; private set; } = true;

    /// <summary>The snapshot the current call exposes through <c>vmi.window(name)</c>.</summary>
    internal Domain.Telemetry.TelemetrySummary? CurrentMetrics { get; set; }

    /// <summary>Registry reference of the Lua function that implements <c>vmi.window</c>.</summary>
    public int WindowFunctionRef => _windowRef;

    /// <summary>Compiles text (mode "t": no bytecode) and pushes the chunk, or the error message.</summary>
    public int Load(string source, string chunkName)
    {
        var code = Encoding.UTF8.GetBytes(source);
        var name = Encoding.UTF8.GetBytes(chunkName + "\0");
        fixed (byte* c = code)
        fixed (byte* n = name)
        fixed (byte* mode = "t"u8)
        {
            _control->Armed = 1;
            try
            {
                return LuaNative.luaL_loadbufferx(State, c, (nuint)code.Length, n, mode);
            }
            finally
            {
                _control->Armed = 0;
                ClearTrip();
            }
        }
    }

    /// <summary>Pushes a new rule environment (a table whose globals fall back to the whitelist).</summary>
    public void PushNewEnvironment()
    {
        _ = LuaNative.lua_rawgeti(State, LuaNative.RegistryIndex, _newEnvRef);
        if (LuaNative.PCall(State, 0, 1) != LuaNative.Ok)
        {
            throw new InvalidOperationException($"new_env failed: {PopMessage()}");
        }
    }

    /// <summary>Pushes the freeze function (host use only).</summary>
    public void PushFreeze() => _ = LuaNative.lua_rawgeti(State, LuaNative.RegistryIndex, _freezeRef);

    /// <summary>
    /// Calls the function below <paramref name="nargs"/> arguments on the stack with the budgets
    /// armed; leaves <paramref name="nresults"/> results, or the error value on failure. A call that
    /// tripped a budget, or returned after its deadline, failed — whatever it returned.
    /// </summary>
    public SandboxCallStatus Call(int nargs, int nresults)
    {
        _control->InstructionsLeft = Limits.InstructionBudget;
        SandboxClock.Start(_control, Limits);
        _control->Tripped = SandboxTrip.None;
        _control->Armed = 1;
        int rc;
        try
        {
            rc = LuaNative.PCall(State, nargs, nresults);
        }
        finally
        {
            _control->Armed = 0;
        }

        var tripped = ClearTrip();
        if (rc == LuaNative.Ok && tripped == SandboxTrip.None)
        {
            tripped = SandboxClock.Poll(_control);
        }

        if (rc == LuaNative.ErrMem && tripped == SandboxTrip.AllocationSize)
        {
            // Lua's own "not enough memory" would hide which cap refused.
            LuaNative.Pop(State, 1);
            LuaStack.PushString(State, SandboxCallbacks.MessageFor(tripped, _control)!);
        }
        else if (rc == LuaNative.Ok && tripped != SandboxTrip.None)
        {
            // It returned, but too late or over a budget: its results do not count.
            LuaNative.Pop(State, nresults);
            LuaStack.PushString(State, SandboxCallbacks.MessageFor(tripped, _control)!);
        }

        return tripped switch
        {
            SandboxTrip.Instructions => SandboxCallStatus.InstructionBudget,
            SandboxTrip.WallClock => SandboxCallStatus.WallClock,
            SandboxTrip.CpuTime => SandboxCallStatus.CpuTime,
            SandboxTrip.Memory => SandboxCallStatus.Memory,
            SandboxTrip.AllocationSize => SandboxCallStatus.AllocationSize,
            _ when rc == LuaNative.Ok => SandboxCallStatus.Ok,
            _ when rc == LuaNative.ErrMem => SandboxCallStatus.Memory,
            _ => SandboxCallStatus.Error,
        };
    }

    /// <summary>Calls host code (the sealing check) without budgets; true when it returned.</summary>
    public bool CallUnbudgeted(int nargs, int nresults) => LuaNative.PCall(State, nargs, nresults) == LuaNative.Ok;

    /// <summary>After a failed call: collect garbage and mark the state unhealthy if the heap stays large.</summary>
    public void Recover()
    {
        if (_control->Used > Limits.MemoryLimitBytes / 4)
        {
            _ = LuaNative.lua_gc(State, LuaNative.GcCollect);
            Healthy = _control->Used <= Limits.MemoryLimitBytes / 2;
        }
    }

    /// <summary>The error value on top as text (strings only; other values are described, never converted by metamethods); pops it.</summary>
    public string PopMessage()
    {
        var type = LuaNative.lua_type(State, -1);
        string message;
        if (type == LuaNative.TString)
        {
            message = LuaStack.ToUtf8(State, -1, out var length) ?? $"error message of {length} bytes that is not valid UTF-8";
            if (message.Length > 2048)
            {
                message = string.Concat(message.AsSpan(0, 2048), "...");
            }
        }
        else if (type == LuaNative.TNumber)
        {
            message = $"error({LuaNative.lua_tonumberx(State, -1, null).ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        }
        else
        {
            message = $"the rule raised an error value of type {LuaStack.TypeName(type)}, not a string; call error(\"message\") with a string";
        }

        LuaNative.Pop(State, 1);
        return message;
    }

    /// <summary>Back to counting after a trip; returns what had tripped.</summary>
    private int ClearTrip()
    {
        var tripped = _control->Tripped;
        if (tripped != SandboxTrip.None)
        {
            InstallCountHook();
            _control->Tripped = SandboxTrip.None;
        }

        return tripped;
    }

    private void InstallCountHook()
    {
        delegate* unmanaged[Cdecl]<nint, nint, void> hook = &SandboxCallbacks.CountHook;
        LuaNative.lua_sethook(State, (nint)hook, LuaNative.MaskCount, SandboxPrelude.HookInterval);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        LuaNative.lua_close(State);
        _self.Free();

        // The allocator's bookkeeping must outlive lua_close, which still frees through it.
        NativeMemory.Free(_control);
    }
}
