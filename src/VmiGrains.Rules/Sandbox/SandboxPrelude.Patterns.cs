namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// <c>string.find/match/gmatch/gsub</c> with Lua 5.4's semantics on the budgeted scanner
/// (<see cref="Patterns.PatternCallbacks"/>): the scanner reports positions, these cut strings.
/// </summary>
internal static partial class SandboxPrelude
{
    private const string Patterns = """
local out = {}
for i = 1, 66 do out[i] = 0 end
local pattern_errors = {
  [-2] = "pattern budget spent",
  [-3] = "pattern too complex",
  [-4] = "malformed pattern (ends with '%')",
  [-5] = "malformed pattern (missing ']')",
  [-6] = "malformed pattern (missing arguments to '%b')",
  [-7] = "missing '[' after '%f' in pattern",
  [-8] = "invalid capture index %",
  [-9] = "invalid pattern capture",
  [-10] = "too many captures",
}
local function scan_error(code)
  if code == -8 then raise(pattern_errors[code] .. out[1]) end
  raise(pattern_errors[code])
end
local MODE_UNANCHORED, MODE_PATTERN, MODE_PLAIN, MODE_FIND = 0, 1, 2, 3

local function capture(s, i)
  local at, len = out[2 * i + 1], out[2 * i + 2]
  if len == -2 then return at + 1 end
  if len == -1 then raise("unfinished capture") end
  return sub(s, at + 1, at + len)
end

local function captures(s, n, whole)
  if n == 0 then
    if whole then return sub(s, out[1] + 1, out[2]) end
    return
  end
  if n == 1 then return capture(s, 1) end
  local values = {}
  for i = 1, n do values[i] = capture(s, i) end
  return unpack(values, 1, n)
end

local function find_aux(find, fname, s, p, init, plain)
  s, p = str_arg(s, 1, fname), str_arg(p, 2, fname)
  init = posrelat(int_arg(init, 1, 3, fname), #s) - 1
  if init > #s then return nil end
  local n = scan(s, p, init, find and (plain and MODE_PLAIN or MODE_FIND) or MODE_PATTERN, -1, out)
  if n == -1 then return nil end
  if n < 0 then scan_error(n) end
  if find then return out[1] + 1, out[2], captures(s, n, false) end
  return captures(s, n, true)
end

local function find(s, p, init, plain) return find_aux(true, "find", s, p, init, plain) end
local function match(s, p, init) return find_aux(false, "match", s, p, init) end

local function gmatch(s, p, init)
  s, p = str_arg(s, 1, "gmatch"), str_arg(p, 2, "gmatch")
  local ls = #s
  local src = posrelat(int_arg(init, 1, 3, "gmatch"), ls) - 1
  local lastmatch = -1
  return function()
    if src > ls then return nil end
    local n = scan(s, p, src, MODE_UNANCHORED, lastmatch, out)
    if n == -1 then src = ls + 1 return nil end
    if n < 0 then scan_error(n) end
    src, lastmatch = out[2], out[2]
    return captures(s, n, true)
  end
end

-- A replacement string as pieces: text, or a capture number (0 = the whole match).
local function template(repl)
  local pieces, from = {}, 1
  while true do
    local n = scan(repl, "%", from - 1, MODE_PLAIN, -1, out)
    if n < -1 then scan_error(n) end
    if n == -1 then pieces[#pieces + 1] = sub(repl, from) return pieces end
    local at = out[1] + 1
    if at > from then pieces[#pieces + 1] = sub(repl, from, at - 1) end
    local c = byte(repl, at + 1)
    if c == 37 then pieces[#pieces + 1] = "%"
    elseif c and c >= 48 and c <= 57 then pieces[#pieces + 1] = c - 48
    else return nil end
    from = at + 2
  end
end

local function gsub(s, p, repl, max_n)
  s, p = str_arg(s, 1, "gsub"), str_arg(p, 2, "gsub")
  local tr = type(repl)
  if tr == "number" then repl, tr = tostring(repl), "string" end
  if tr ~= "string" and tr ~= "table" and tr ~= "function" then
    arg_error(3, "gsub", "string/function/table expected, got " .. typename(repl))
  end
  local ls = #s
  max_n = int_arg(max_n, ls + 1, 4, "gsub")
  local anchor = byte(p, 1) == 94
  local pieces = tr == "string" and template(repl) or nil
  -- Pieces go to a short list that is folded into chunks, so no table outgrows Rules:MaxAllocationBytes.
  local parts, np, chunks, src, lastmatch, n, changed = {}, 0, {}, 0, -1, 0, false
  while n < max_n do
    local k = scan(s, p, src, MODE_PATTERN, lastmatch, out)
    if k == -1 then break end
    if k < 0 then scan_error(k) end
    local ms, me = out[1], out[2]
    if ms > src then np = np + 1 parts[np] = sub(s, src + 1, ms) end
    n = n + 1
    if tr == "string" then
      if pieces == nil then raise("invalid use of '%' in replacement string") end
      for _, piece in ipairs(pieces) do
        if type(piece) == "string" then np = np + 1 parts[np] = piece
        elseif piece == 0 or (piece == 1 and k == 0) then np = np + 1 parts[np] = sub(s, ms + 1, me)
        elseif piece > k then raise("invalid capture index %" .. piece)
        else np = np + 1 parts[np] = tostring(capture(s, piece)) end
      end
      changed = true
    else
      local whole = sub(s, ms + 1, me)
      local value
      if tr == "table" then value = repl[k > 0 and capture(s, 1) or whole]
      else value = repl(captures(s, k, true)) end
      if not value then value = whole
      elseif type(value) == "number" then value, changed = tostring(value), true
      elseif type(value) ~= "string" then raise("invalid replacement value (a " .. type(value) .. ")")
      else changed = true end
      np = np + 1 parts[np] = value
    end
    src, lastmatch = me, me
    if np >= 256 then chunks[#chunks + 1] = concat(parts, "", 1, np) np = 0 end
    if anchor then break end
  end
  if not changed then return s, n end
  np = np + 1 parts[np] = sub(s, src + 1)
  chunks[#chunks + 1] = concat(parts, "", 1, np)
  return concat(chunks), n
end

""";
}
