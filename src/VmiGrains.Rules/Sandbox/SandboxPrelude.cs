namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// The privileged Lua that turns a fresh state into a sandbox. It runs once per state with the
/// full standard library, keeps what it needs in local upvalues (debug.sethook/getinfo/upvalues,
/// the real library functions, setmetatable), and returns the functions the host uses. Rules only
/// ever see <c>SAFE</c>: a whitelist with read-only library tables and the action helpers, where
/// every library function whose C implementation could run long is either reimplemented on the
/// budgeted pattern scanner (<c>find/match/gmatch/gsub</c>), written in Lua so the count hook sees
/// its loops (<c>table.insert/remove/sort</c>), or charged for its linear work before it runs.
/// </summary>
internal static partial class SandboxPrelude
{
    /// <summary>Instructions between two count-hook calls.</summary>
    public const int HookInterval = 100;

    public const string InstructionBudgetMessage = "instruction budget exceeded; the rule ran too long (a loop that never ends, or a pattern that backtracks?) — simplify it or raise Rules:InstructionBudget";

    public const string WallClockMessage = "wall-clock limit exceeded; the rule took too long (the host may also be too busy to run it) — simplify it or raise Rules:WallClockLimit";

    public const string CpuTimeMessage = "CPU time limit exceeded; the rule computed too long — simplify it or raise Rules:CpuTimeLimit";

    public const string MemoryMessage = "not enough memory";

    public static string AllocationMessage(long size, long limit) =>
        $"memory budget: one string or table of {size} bytes is larger than Rules:MaxAllocationBytes ({limit}); build smaller strings and tables";

    public const string Source = Header + Patterns + Tables + Environment + Sealing + Footer;

    private const string Header = """
local trip_message, max_string, get_window, helpers, scan, charge = ...
local sethook, getinfo, getupvalue, setupvalue = debug.sethook, debug.getinfo, debug.getupvalue, debug.setupvalue
local error, type, next, select, setmetatable, getmetatable, tostring, tonumber, ipairs = error, type, next, select, setmetatable, getmetatable, tostring, tonumber, ipairs
local rep, sub, byte, tointeger, concat, unpack = string.rep, string.sub, string.byte, math.tointeger, table.concat, table.unpack
local string_meta = getmetatable("")
local builtin = {} -- what the sandbox hands out: never sealed, never walked

-- Errors name the rule's line, not the sandbox's: the first frame that is neither ours nor C.
local function rule_level()
  for level = 3, 64 do
    local info = getinfo(level, "S")
    if info == nil then return 0 end
    if info.source ~= "=sandbox" and info.what ~= "C" then return level - 1 end
  end
  return 0
end
local function raise(message) error(message, rule_level()) end
local function arg_error(n, fname, message) raise("bad argument #" .. n .. " to '" .. fname .. "' (" .. message .. ")") end
local function typename(v) if v == nil then return "no value" end return type(v) end

local function str_arg(v, n, fname)
  local t = type(v)
  if t == "string" then return v end
  if t == "number" then return tostring(v) end
  arg_error(n, fname, "string expected, got " .. typename(v))
end

local function int_arg(v, default, n, fname)
  if v == nil then return default end
  local i = tointeger(v)
  if i == nil and type(v) == "string" then i = tointeger(tonumber(v)) end
  if i == nil then arg_error(n, fname, type(v) == "number" and "number has no integer representation" or "number expected, got " .. typename(v)) end
  return i
end

local function table_arg(v, n, fname)
  if type(v) ~= "table" then arg_error(n, fname, "table expected, got " .. typename(v)) end
  return v
end

local function posrelat(pos, len)
  if pos > 0 then return pos elseif pos == 0 then return 1 elseif pos < -len then return 1 end
  return len + pos + 1
end

""";

    private const string Environment = """
local function deny(_, key)
  raise("cannot assign '" .. tostring(key) .. "': this table is read-only")
end

local function readonly(t)
  return setmetatable({}, { __index = t, __newindex = deny, __metatable = false })
end

local function pick(src, names)
  local t = {}
  for _, n in ipairs(names) do t[n] = src[n] end
  return t
end

local function charged_by_length(fn)
  return function(s, ...)
    if type(s) == "string" then charge(#s // 8) end
    return fn(s, ...)
  end
end

local safe_string = pick(string, { "char", "format", "len", "lower", "reverse", "sub", "upper" })
safe_string.byte = charged_by_length(string.byte)
safe_string.find, safe_string.match, safe_string.gmatch, safe_string.gsub = find, match, gmatch, gsub
safe_string.rep = function(s, n, sep)
  if type(s) ~= "string" and type(s) ~= "number" then arg_error(1, "rep", "string expected, got " .. typename(s)) end
  local count = int_arg(n, nil, 2, "rep")
  if count == nil then arg_error(2, "rep", "number expected, got no value") end
  if sep ~= nil and type(sep) ~= "string" then arg_error(3, "rep", "string expected, got " .. type(sep)) end
  if count > 0 then
    local size = (#tostring(s) + 0.0) * count + (sep and (#sep + 0.0) * (count - 1) or 0)
    if size > max_string then
      raise("string.rep would build " .. string.format("%.0f", size) .. " bytes, more than the limit of " .. max_string .. "; build smaller strings")
    end
  end
  return rep(s, count, sep)
end
string_meta.__index = readonly(safe_string)
string_meta.__metatable = false

local safe_utf8 = pick(utf8, { "char", "charpattern", "codes" })
safe_utf8.len, safe_utf8.codepoint, safe_utf8.offset = charged_by_length(utf8.len), charged_by_length(utf8.codepoint), charged_by_length(utf8.offset)

local SAFE = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,
  rawequal = rawequal, rawlen = rawlen, select = select, tonumber = charged_by_length(tonumber), tostring = tostring,
  type = type, unpack = safe_unpack,
  string = readonly(safe_string),
  math = readonly(pick(math, { "abs", "ceil", "floor", "fmod", "huge", "log", "exp", "max", "maxinteger", "min",
    "mininteger", "modf", "pi", "sqrt", "tointeger", "type", "ult", "sin", "cos", "tan", "asin", "acos", "atan" })),
  table = readonly({ concat = safe_concat, insert = insert, pack = table.pack, remove = remove, sort = sort, unpack = safe_unpack }),
  utf8 = readonly(safe_utf8),
}

for name, fn in next, helpers do SAFE[name] = fn end
for _, v in next, SAFE do builtin[v] = true end
for _, lib in next, { safe_string, safe_utf8 } do for _, v in next, lib do builtin[v] = true end end

local function window(name)
  local w = get_window(name)
  if w == nil then
    raise("unknown window '" .. tostring(name) .. "'; use one of the configured windows")
  end
  return w
end

local function new_env()
  return setmetatable({}, { __index = SAFE })
end

""";

    private const string Footer = """

-- The count hook is the host's (managed, cheap); once a budget trips, the host switches to this
-- Lua hook with count 1, so every further instruction raises and a rule's pcall cannot swallow it.
local function raise_hook()
  local message = trip_message()
  if message then
    for level = 2, 64 do
      local info = getinfo(level, "Sl")
      if info == nil then break end
      if info.source ~= "=sandbox" and info.what ~= "C" and info.currentline and info.currentline > 0 then
        message = info.short_src .. ":" .. info.currentline .. ": " .. message
        break
      end
    end
    error(message, 0)
  end
end
sethook(raise_hook, "", 1)

return new_env, freeze, window
""";
}
