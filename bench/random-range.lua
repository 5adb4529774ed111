-- wrk script: the "seeking player" workload.
-- Every request asks for one random, fixed-length byte range of the target file:
--   Range: bytes=N-(N+BENCH_RANGE_BYTES-1)   with 0 <= N <= size - BENCH_RANGE_BYTES
-- The URL given to wrk names the file (its path and query string are kept as they are).
--
-- Environment (set by run.sh):
--   BENCH_FILE_SIZE    size of the target file in bytes    (default 536870912 = 512 MiB)
--   BENCH_RANGE_BYTES  length of each requested range      (default 1048576  = 1 MiB)
--   BENCH_OPEN_END     1 = ask for "bytes=N-" instead (N uniformly random in the file): the
--                      rest of the file from a random point, a player reading to the end
-- Headers given with -H (e.g. a Cookie) are sent too.

local size = tonumber(os.getenv("BENCH_FILE_SIZE") or "536870912")
local len = tonumber(os.getenv("BENCH_RANGE_BYTES") or "1048576")
local open_end = os.getenv("BENCH_OPEN_END") == "1"

if len > size then
  len = size
end

local threads = 0

-- Runs once per wrk thread, in the main Lua state: give each thread its own id.
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

-- Runs in each thread's own Lua state: a different random sequence per thread.
function init(args)
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
  -- LuaJIT's first values after seeding are poorly mixed; discard a few.
  for _ = 1, 10 do
    math.random()
  end
end

-- the -H headers plus a Range (wrk.format replaces wrk.headers with the table it is given)
local function with_range(range)
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Range"] = range
  return headers
end

function request()
  if open_end then
    return wrk.format(nil, nil, with_range(string.format("bytes=%d-", math.random(0, size - 1))))
  end
  local first = math.random(0, size - len)
  local last = first + len - 1
  return wrk.format(nil, nil, with_range(string.format("bytes=%d-%d", first, last)))
end
