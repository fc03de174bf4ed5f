-- One content item's buckets in a window, in one atomic call.
-- KEYS[1] content metadata; KEYS[2 ..] the window's bucket stats hashes; ARGV[1] content id;
-- ARGV[i + 1] the start of bucket KEYS[i + 1].
-- Returns nil for unknown content, else {metadata JSON, {{bucket_start, stats value}...}}.
local meta = redis.call('GET', KEYS[1])
if not meta then
  return false
end
local buckets = {}
for i = 2, #KEYS do
  local value = redis.call('HGET', KEYS[i], ARGV[1])
  if value then
    buckets[#buckets + 1] = { ARGV[i], value }
  end
end
return { meta, buckets }
