-- The wrk script of ops/bench/run:
--   wrk -t2 -c32 -d15s -s load.lua https://127.0.0.1:PORT -- MODE [LISTS_DIR TOKENS_FILE [ARG]]
-- MODE: get (wrk's own path, no token), read, search (ARG names|phones), create, event,
-- dashboard, report (ARG the year). LISTS_DIR is DATA_DIR/bench (written by gen_cases
-- --sealed); TOKENS_FILE holds "token agency" lines of several signed-in users. Every request
-- picks a user and a case (or query) at random among those the user may act on. done() prints
-- one RESULT line that ops/bench/run reads.
local mode, dir, users, ids, queries, year
local counter = 0

local function lines(path)
    local out = {}
    local f = assert(io.open(path, "r"), "cannot read " .. path)
    for line in f:lines() do
        if line ~= "" then out[#out + 1] = line end
    end
    f:close()
    assert(#out > 0, path .. " is empty")
    return out
end

local function pick(list) return list[math.random(#list)] end

local function urlencode(s)
    return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function headers(user, json)
    local h = {["Authorization"] = "Bearer " .. user.token}
    if json then h["Content-Type"] = "application/json" end
    return h
end

function init(args)
    mode = args[1] or "get"
    math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 1000003)
    if mode == "get" then return end
    dir = args[2]
    users = {}
    for _, line in ipairs(lines(args[3])) do
        local token, agency = line:match("^(%S+)%s+(%S+)$")
        users[#users + 1] = {token = token, agency = agency}
    end
    ids = {}
    local kind = mode == "event" and "write" or "read"
    if mode == "read" or mode == "event" then
        for _, u in ipairs(users) do
            if not ids[u.agency] then ids[u.agency] = lines(dir .. "/" .. kind .. "-" .. u.agency .. ".txt") end
        end
    end
    if mode == "search" then queries = lines(dir .. "/" .. args[4] .. ".txt") end
    year = args[4] or "2025"
end

-- A made-up adult case (names from common name parts, a random phone): API.md's case body.
local surnames = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"}
local given = {"Lan", "Hoa", "Mai", "Hương", "Thảo", "Trang", "Linh", "Yến"}
local function caseBody()
    local phone = string.format("09%02d %03d %03d", math.random(0, 99), math.random(0, 999), math.random(0, 999))
    return '{"survivor":{"full_name":"' .. pick(surnames) .. ' Thị ' .. pick(given) ..
        '","sex":"female","birth_year":1990,"village":"Thôn Đông","phone":"' .. phone ..
        '","disability":false},"perpetrators":[{"full_name":"' .. pick(surnames) ..
        ' Văn Nam","sex":"male","birth_year":1985,"relationship":"spouse"}],' ..
        '"incident":{"date":"2025-05-01","village":"Thôn Đông","place":"home",' ..
        '"types":["physical","psychological"],"description":"Bị chồng đánh sau bữa tối (dữ liệu giả để đo hiệu năng)."},' ..
        '"risk":"high","consent":{"given":true,"given_by":"survivor","agencies":["police","justice","union"]},' ..
        '"flags":{"crime":false,"administrative_sanction":false}}'
end

function request()
    if mode == "get" then return wrk.request() end
    local user = pick(users)
    if mode == "read" then
        return wrk.format("GET", "/api/v1/cases/" .. pick(ids[user.agency]), headers(user))
    elseif mode == "search" then
        return wrk.format("GET", "/api/v1/cases?q=" .. urlencode(pick(queries)), headers(user))
    elseif mode == "create" then
        return wrk.format("POST", "/api/v1/cases", headers(user, true), caseBody())
    elseif mode == "event" then
        counter = counter + 1
        return wrk.format("POST", "/api/v1/cases/" .. pick(ids[user.agency]) .. "/events", headers(user, true),
            '{"type":"note","details":{"text":"Đã gọi điện hỏi thăm (dữ liệu giả) ' .. counter .. '"}}')
    elseif mode == "dashboard" then
        return wrk.format("GET", "/api/v1/dashboard", headers(user))
    elseif mode == "report" then
        return wrk.format("GET", "/api/v1/reports/summary?from=" .. year .. "-01-01&to=" .. year .. "-12-31", headers(user))
    end
    error("unknown mode " .. tostring(mode))
end

-- RESULT requests seconds rps p50_ms p99_ms errors (status >= 400, socket errors, timeouts)
function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format("RESULT %d %.2f %.1f %.2f %.2f %d\n", summary.requests, seconds,
        summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        e.status + e.connect + e.read + e.write + e.timeout))
end
