-- wrk script for scripts/load_test.sh: rotates over the paths listed in a file (one per line) and
-- writes its figures as JSON to a second file. Usage: wrk ... -s load_test.lua URL -- PATHS OUT
local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      if line ~= "" then table.insert(paths, line) end
   end
   index = id * 7 -- threads start at different places in the list
   server_errors = 0
   client_errors = 0
   out = args[2]
end

function request()
   index = index % #paths + 1
   return wrk.format("GET", paths[index])
end

function response(status, headers, body)
   if status >= 500 then
      server_errors = server_errors + 1
   elseif status >= 400 then
      client_errors = client_errors + 1
   end
end

function done(summary, latency, requests)
   local server, client = 0, 0
   for _, thread in ipairs(threads) do
      server = server + thread:get("server_errors")
      client = client + thread:get("client_errors")
   end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   local json = string.format(
      '{"requests": %d, "seconds": %.1f, "requests_per_second": %.1f, "bytes": %d, ' ..
      '"latency_ms": {"p50": %.1f, "p90": %.1f, "p99": %.1f, "max": %.1f}, ' ..
      '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
      '"non_2xx_3xx": %d, "status_5xx": %d, "status_4xx": %d}',
      summary.requests, seconds, summary.requests / seconds, summary.bytes,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.connect, e.read, e.write, e.timeout, e.status, server, client)
   local file = io.open(threads[1]:get("out"), "w")
   file:write(json, "\n")
   file:close()
   io.write(json, "\n")
end
