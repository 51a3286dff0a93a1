-- wrk script for bench/slack/run.sh: sends each pre-signed Slack slash command (or console JSON body) of a file once.
-- usage: wrk -t T -c C -d 20s -s signed.lua http://127.0.0.1:PORT -- PATH FILE T [MARKER]
--   FILE: "timestamp TAB signature TAB form body" per line (Slack), or one JSON body per line (the dev console).
--   Thread i of T sends lines i, i+T, i+2T…; when its slice runs out it starts over and counts the repeats.
--   An answer is an error unless it is 200 and its body holds MARKER (when given); done() prints one JSON line.
local threads, next_id = {}, 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  path, marker = args[1] or "/slack/commands", args[4]
  local file, count = args[2], tonumber(args[3] or "1")
  lines, index, repeats, non200, refused, late, answered = {}, 0, 0, 0, 0, 0, 0
  local n = 0
  for line in io.lines(file) do
    if n % count == id then
      local ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      if ts then
        lines[#lines + 1] = { body = body, headers = {
          ["Content-Type"] = "application/x-www-form-urlencoded",
          ["X-Slack-Request-Timestamp"] = ts, ["X-Slack-Signature"] = sig } }
      else
        lines[#lines + 1] = { body = line, headers = { ["Content-Type"] = "application/json" } }
      end
    end
    n = n + 1
  end
  loaded = #lines
  if loaded == 0 then error("no requests for thread " .. id .. " in " .. file) end
end

function request()
  index = index + 1
  if index > #lines then index, repeats = 1, repeats + 1 end
  local r = lines[index]
  return wrk.format("POST", path, r.headers, r.body)
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then
    non200 = non200 + 1
    -- The first few are shown: a rare refusal under load is otherwise only a count.
    if non200 <= 3 then io.stderr:write("   non-200 answer: " .. status .. " " .. tostring(body):sub(1, 200) .. "\n") end
  elseif marker and not body:find(marker, 1, true) then
    refused = refused + 1
  end
  if body:find("Working on it", 1, true) then late = late + 1 end
end

function done(summary, latency, requests)
  local total = { non200 = 0, refused = 0, late = 0, repeats = 0, sent = 0, loaded = 0 }
  for _, t in ipairs(threads) do
    total.non200 = total.non200 + t:get("non200")
    total.refused = total.refused + t:get("refused")
    total.late = total.late + t:get("late")
    total.repeats = total.repeats + t:get("repeats")
    -- Only numbers cross from a thread's Lua state: wrk copies tables too, and a big one crashes it.
    total.sent = total.sent + t:get("index") + t:get("repeats") * t:get("loaded")
    total.loaded = total.loaded + t:get("loaded")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'JSON {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f,' ..
    '"non200":%d,"refused":%d,"late":%d,"socketErrors":%d,"timeouts":%d,"repeats":%d,"sent":%d,"loaded":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    total.non200, total.refused, total.late, e.connect + e.read + e.write, e.timeout, total.repeats, total.sent, total.loaded))
  if total.repeats > 0 then
    io.write("WARNING: the request file ran out; " .. total.repeats .. " thread slices started over (repeated requests)\n")
  end
end
