-- Prints one JSON line after a wrk run: requests, seconds, errors and latency percentiles (ms).
-- WRK_HEADERS (env, "Name: value|Name: value") adds request headers. submit.lua reuses `done`.
local extra = os.getenv("WRK_HEADERS")
if extra and extra ~= "" then
  for pair in string.gmatch(extra, "[^|]+") do
    local name, value = string.match(pair, "^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "errors": %d, "status_errors": %d, ' ..
    '"bytes": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, errors, summary.errors.status, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
