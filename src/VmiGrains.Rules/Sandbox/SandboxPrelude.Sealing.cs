namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// Isolation between VMIs. One loaded rule serves every VMI of a profile version, so whatever its
/// top level built is shared: <c>freeze</c> makes the globals read-only, seals every table reachable
/// from them and from the handlers' upvalues (reads work, writes raise), and returns a check that
/// the host runs after every call: it puts back any top-level local the call reassigned and names
/// it, so no value of one VMI is ever seen by another VMI's evaluation.
/// </summary>
internal static partial class SandboxPrelude
{
    private const string Sealing = """
local function deny_shared(_, key)
  raise("cannot assign '" .. tostring(key) .. "': tables built when the rule loads are read-only, because every VMI of the profile shares them; build tables inside on_tick/on_event, or keep per-VMI data in vmi.state")
end

local function seal_table(t)
  local contents = {}
  for k, v in next, t do contents[k] = v end
  for k in next, contents do t[k] = nil end
  setmetatable(t, {
    __index = contents, __newindex = deny_shared, __metatable = false,
    __len = function() return #contents end,
    -- An iterator of its own: returning next with contents as the state would hand the rule the backing table.
    __pairs = function()
      local key
      return function()
        local value
        key, value = next(contents, key)
        return key, value
      end
    end,
  })
  return contents
end

local function same(a, b) return a == b or (a ~= a and b ~= b) end

local function freeze(env)
  local backing = setmetatable({}, { __index = SAFE })
  local keys = {}
  for k, v in next, env do backing[k] = v; keys[#keys + 1] = k end
  for _, k in ipairs(keys) do env[k] = nil end
  setmetatable(env, {
    __index = backing,
    __newindex = function(_, key)
      raise("cannot assign global '" .. tostring(key) .. "': globals are read-only once the rule is loaded; use local variables or vmi.state")
    end,
    __metatable = false,
  })
  local on_tick, on_event = backing.on_tick, backing.on_event
  if on_tick ~= nil and type(on_tick) ~= "function" then error("on_tick must be a function (got " .. type(on_tick) .. ")", 0) end
  if on_event ~= nil and type(on_event) ~= "function" then error("on_event must be a function (got " .. type(on_event) .. ")", 0) end

  local seen, saved = { [env] = true, [backing] = true }, {}
  local function visit(v)
    local tv = type(v)
    if (tv ~= "table" and tv ~= "function") or seen[v] or builtin[v] then return end
    seen[v] = true
    if tv == "table" then
      if getmetatable(v) ~= nil then return end
      for k, x in next, seal_table(v) do visit(k) visit(x) end
    elseif getinfo(v, "S").what ~= "C" then
      local i = 1
      while true do
        local name, x = getupvalue(v, i)
        if name == nil then break end
        saved[#saved + 1] = { v, i, x, name }
        visit(x)
        i = i + 1
      end
    end
  end
  for _, v in next, backing do visit(v) end

  local function check()
    local changed
    for i = 1, #saved do
      local s = saved[i]
      local _, now = getupvalue(s[1], s[2])
      if not same(now, s[3]) then
        setupvalue(s[1], s[2], s[3])
        changed = changed or s[4]
      end
    end
    return changed
  end
  return on_tick or false, on_event or false, #saved > 0 and check or false
end

""";
}
