-- Sends each prepared draft's final step (POST /<lang>/daftar/kirim) exactly once, with its
-- session cookie and CSRF token, then stops. DRAFTS (env) names a file of lines
-- "cookie<TAB>csrf_token<TAB>submit_token"; each wrk thread takes every Nth line.
dofile(os.getenv("WRK_REPORT"))  -- defines done()
local threads = {}
local counter = 0

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

init = function(args)
  total_threads = tonumber(os.getenv("WRK_THREADS"))
  path = os.getenv("SUBMIT_PATH")
  drafts = {}
  local index = 0
  for line in io.lines(os.getenv("DRAFTS")) do
    if index % total_threads == id then
      local cookie, csrf, token = string.match(line, "^([^\t]+)\t([^\t]+)\t([^\t]+)$")
      table.insert(drafts, {cookie = cookie, body = "csrf_token=" .. csrf .. "&token=" .. token})
    end
    index = index + 1
  end
  next_draft = 1
end

request = function()
  local draft = drafts[next_draft]
  if draft == nil then
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  next_draft = next_draft + 1
  return wrk.format("POST", path, {
    ["Cookie"] = "lindungi_session=" .. draft.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, draft.body)
end

