namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// The privileged Lua that turns a fresh state into a sandbox. It runs once per state with the
/// full standard library, keeps what it needs in local upvalues (debug.sethook/getinfo, the real
/// string.rep, setmetatable), installs the count hook, and returns the functions the host uses.
/// Rules only ever see <c>SAFE</c>: a whitelist with read-only library tables and the action helpers.
/// </summary>
internal static class SandboxPrelude
{
    /// <summary>Instructions between two hook calls.</summary>
    public const int HookInterval = 1000;

    public const string InstructionBudgetMessage = "instruction budget exceeded; the rule ran too long (a loop that never ends?) — simplify it or raise Rules:InstructionBudget";

    public const string WallClockMessage = "wall-clock limit exceeded; the rule took too long — simplify it or raise Rules:WallClockLimit";

    public const string Source = """
local check_budget, max_string, hook_interval, get_window, helpers = ...
local sethook, getinfo = debug.sethook, debug.getinfo
local error, type, next, setmetatable, tostring, ipairs = error, type, next, setmetatable, tostring, ipairs
local rep, tointeger, concat = string.rep, math.tointeger, table.concat
local string_meta = getmetatable("")

-- The count hook, installed once. When the budget is spent it re-hooks with count 1 so every
-- further instruction raises: a rule's own pcall cannot swallow the abort.
local function hook()
  local over = check_budget()
  if over then
    sethook(hook, "", 1)
    local info = getinfo(2, "Sl")
    if info and info.currentline and info.currentline > 0 then
      over = info.short_src .. ":" .. info.currentline .. ": " .. over
    end
    error(over, 0)
  end
end
sethook(hook, "", hook_interval)

local function deny(_, key)
  error("cannot assign '" .. tostring(key) .. "': this table is read-only", 2)
end

local function readonly(t)
  return setmetatable({}, { __index = t, __newindex = deny, __metatable = false })
end

local function pick(src, names)
  local t = {}
  for _, n in ipairs(names) do t[n] = src[n] end
  return t
end

local safe_string = pick(string, { "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "reverse", "sub", "upper" })
safe_string.rep = function(s, n, sep)
  if type(s) ~= "string" and type(s) ~= "number" then error("bad argument #1 to 'rep' (string expected, got " .. type(s) .. ")", 2) end
  local count = tointeger(n)
  if count == nil then error("bad argument #2 to 'rep' (integer expected)", 2) end
  if sep ~= nil and type(sep) ~= "string" then error("bad argument #3 to 'rep' (string expected)", 2) end
  if count > 0 then
    local size = (#tostring(s) + 0.0) * count + (sep and (#sep + 0.0) * (count - 1) or 0)
    if size > max_string then
      error("string.rep would build " .. string.format("%.0f", size) .. " bytes, more than the limit of " .. max_string .. "; build smaller strings", 2)
    end
  end
  return rep(s, count, sep)
end
string_meta.__index = readonly(safe_string)
string_meta.__metatable = false

local SAFE = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,
  rawequal = rawequal, rawlen = rawlen, select = select, tonumber = tonumber, tostring = tostring,
  type = type, unpack = table.unpack,
  string = readonly(safe_string),
  math = readonly(pick(math, { "abs", "ceil", "floor", "fmod", "huge", "log", "exp", "max", "maxinteger", "min",
    "mininteger", "modf", "pi", "sqrt", "tointeger", "type", "ult", "sin", "cos", "tan", "asin", "acos", "atan" })),
  table = readonly(pick(table, { "concat", "insert", "pack", "remove", "sort", "unpack" })),
  utf8 = readonly(pick(utf8, { "char", "charpattern", "codepoint", "codes", "len", "offset" })),
}

for name, fn in next, helpers do SAFE[name] = fn end

local function window(name)
  local w = get_window(name)
  if w == nil then
    error("unknown window '" .. tostring(name) .. "'; use one of the configured windows", 2)
  end
  return w
end

local function new_env()
  return setmetatable({}, { __index = SAFE })
end

local function freeze(env)
  local backing = setmetatable({}, { __index = SAFE })
  local keys = {}
  for k, v in next, env do backing[k] = v; keys[#keys + 1] = k end
  for _, k in ipairs(keys) do env[k] = nil end
  setmetatable(env, {
    __index = backing,
    __newindex = function(_, key)
      error("cannot assign global '" .. tostring(key) .. "': globals are read-only once the rule is loaded; use local variables or vmi.state", 2)
    end,
    __metatable = false,
  })
  local on_tick, on_event = backing.on_tick, backing.on_event
  if on_tick ~= nil and type(on_tick) ~= "function" then error("on_tick must be a function (got " .. type(on_tick) .. ")", 0) end
  if on_event ~= nil and type(on_event) ~= "function" then error("on_event must be a function (got " .. type(on_event) .. ")", 0) end
  return on_tick or false, on_event or false
end

return new_env, freeze, window
""";
}
