-- Writes one bucket's totals atomically: scores, stats and expiry in one step, so no crash can leave a key
-- without its expiry, and fenced per content by the input offset, so an older record never replaces a newer one.
-- KEYS: 1 top:secs, 2 top:events, 3 stats, 4 ver (offset per content), 5 epoch
-- ARGV: 1 expire-at ms, 2 epoch value, then per content: member, offset, seconds, events, stats value
-- Returns {records fenced off, 1 when the epoch key was missing (Redis lost its data) else 0}.
local epoch_missing = 0
if redis.call('EXISTS', KEYS[5]) == 0 then
  redis.call('SET', KEYS[5], ARGV[2])
  epoch_missing = 1
end
local fenced = 0
for i = 3, #ARGV, 5 do
  local member, offset = ARGV[i], tonumber(ARGV[i + 1])
  local held = tonumber(redis.call('HGET', KEYS[4], member))
  if held ~= nil and held >= offset then
    fenced = fenced + 1
  else
    redis.call('HSET', KEYS[4], member, ARGV[i + 1])
    if ARGV[i + 3] == '0' then
      -- Corrected or deleted away to nothing: absent, not ranked with 0.
      redis.call('ZREM', KEYS[1], member)
      redis.call('ZREM', KEYS[2], member)
      redis.call('HDEL', KEYS[3], member)
    else
      redis.call('ZADD', KEYS[1], ARGV[i + 2], member)
      redis.call('ZADD', KEYS[2], ARGV[i + 3], member)
      redis.call('HSET', KEYS[3], member, ARGV[i + 4])
    end
  end
end
for k = 1, 4 do
  redis.call('PEXPIREAT', KEYS[k], ARGV[1])
end
return {fenced, epoch_missing}
