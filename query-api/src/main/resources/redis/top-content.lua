-- Top N of a window in one atomic call.
-- KEYS[1]            scratch key (created and deleted inside this script)
-- KEYS[2 .. n+1]     ranking sorted set of each bucket in the window
-- KEYS[n+2 .. 2n+1]  the other measure's sorted set of the same buckets
-- ARGV[1] n, ARGV[2] limit, ARGV[3] content metadata key prefix
-- Returns rows {content_id, ranking score, other measure, metadata JSON or nil}.
local n = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local ranking = {}
for i = 2, n + 1 do
  ranking[#ranking + 1] = KEYS[i]
end
redis.call('ZUNIONSTORE', KEYS[1], n, unpack(ranking))
local top = redis.call('ZREVRANGE', KEYS[1], 0, limit - 1, 'WITHSCORES')
redis.call('DEL', KEYS[1])
local rows = {}
for i = 1, #top, 2 do
  local id = top[i]
  local other = 0
  for j = n + 2, 2 * n + 1 do
    local score = redis.call('ZSCORE', KEYS[j], id)
    if score then
      other = other + tonumber(score)
    end
  end
  rows[#rows + 1] = { id, top[i + 1], string.format('%.17g', other), redis.call('GET', ARGV[3] .. id) }
end
return rows
