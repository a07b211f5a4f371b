namespace VmiGrains.Rules.Sandbox;

/// <summary>
/// <c>table.insert/remove/sort</c> in Lua, so that the count hook sees every element they move or
/// compare (in C one call could shift or compare a whole table between two hooks), and the
/// charged forms of <c>table.concat</c> and <c>unpack</c>.
/// </summary>
internal static partial class SandboxPrelude
{
    private const string Tables = """
local function range_length(t, i, j, fname)
  i, j = int_arg(i, 1, 2, fname), int_arg(j, nil, 3, fname)
  if j == nil then j = #t end
  return j - i + 1
end

local function safe_concat(t, sep, i, j)
  table_arg(t, 1, "concat")
  if sep ~= nil and type(sep) ~= "string" and type(sep) ~= "number" then arg_error(2, "concat", "string expected, got " .. type(sep)) end
  local n = range_length(t, i, j, "concat")
  if n > 0 then charge(n) end
  return concat(t, sep, i, j)
end

local function safe_unpack(t, i, j)
  table_arg(t, 1, "unpack")
  local n = range_length(t, i, j, "unpack")
  if n > 0 then charge(n) end
  return unpack(t, i, j)
end

local function insert(t, ...)
  table_arg(t, 1, "insert")
  local e = #t + 1
  local nargs = select("#", ...)
  if nargs == 1 then t[e] = ... return end
  if nargs ~= 2 then raise("wrong number of arguments to 'insert'") end
  local pos, v = ...
  pos = int_arg(pos, nil, 2, "insert")
  if pos < 1 or pos > e then arg_error(2, "insert", "position out of bounds") end
  for i = e, pos + 1, -1 do t[i] = t[i - 1] end
  t[pos] = v
end

local function remove(t, pos)
  table_arg(t, 1, "remove")
  local size = #t
  pos = int_arg(pos, size, 2, "remove")
  if pos ~= size and (pos < 1 or pos > size + 1) then arg_error(2, "remove", "position out of bounds") end
  local v = t[pos]
  while pos < size do t[pos] = t[pos + 1] pos = pos + 1 end
  t[pos] = nil
  return v
end

local function default_less(a, b)
  local ta, tb = type(a), type(b)
  if ta == tb and (ta == "number" or ta == "string") then return a < b end
  raise("attempt to compare " .. ta .. " with " .. tb)
end

-- Heap sort: in place, no allocation, n log n comparisons, each visible to the count hook.
local function sort(t, less)
  table_arg(t, 1, "sort")
  if less ~= nil and type(less) ~= "function" then arg_error(2, "sort", "function expected, got " .. type(less)) end
  less = less or default_less
  local n = #t
  local function sift(root, stop)
    while true do
      local child = root * 2
      if child > stop then return end
      if child < stop and less(t[child], t[child + 1]) then child = child + 1 end
      if not less(t[root], t[child]) then return end
      t[root], t[child] = t[child], t[root]
      root = child
    end
  end
  for start = n // 2, 1, -1 do sift(start, n) end
  for stop = n, 2, -1 do
    t[1], t[stop] = t[stop], t[1]
    sift(1, stop - 1)
  end
end

""";
}
