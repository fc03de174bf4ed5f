-- Top N of a window in one atomic call.
-- KEYS[1], KEYS[2]   scratch keys for the two unions (created and deleted inside this script)
-- KEYS[3 .. n+2]     ranking sorted set of each bucket in the window
-- KEYS[n+3 .. 2n+2]  the other measure's sorted set of the same buckets
-- ARGV[1] n, ARGV[2] limit, ARGV[3] content metadata key prefix
-- Returns rows {content_id, ranking score, other measure, metadata JSON or nil}.
-- Both measures are unioned once (two server-side commands) rather than summed per row and bucket in Lua.
local n = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local ranking, other = {}, {}
for i = 1, n do
  ranking[i] = KEYS[2 + i]
  other[i] = KEYS[2 + n + i]
end
redis.call('ZUNIONSTORE', KEYS[1], n, unpack(ranking))
redis.call('ZUNIONSTORE', KEYS[2], n, unpack(other))
local top = redis.call('ZREVRANGE', KEYS[1], 0, limit - 1, 'WITHSCORES')
local rows = {}
for i = 1, #top, 2 do
  local id = top[i]
  local score = redis.call('ZSCORE', KEYS[2], id) or '0'
  rows[#rows + 1] = { id, top[i + 1], score, redis.call('GET', ARGV[3] .. id) }
end
redis.call('DEL', KEYS[1], KEYS[2])
return rows
