package io.engagement.query.redis;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.BucketStatsValue;
import io.engagement.contracts.ContentMetadata;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/** Writes bucket totals the way redis-projector lays them out (see redis-projector/README.md). */
final class LiveBucketSeeder {
    static final long BUCKET_MS = 10_000;
    private static final long TTL_SECONDS = 300;

    private final RedisDataSource redis;
    private final RedisKeys keys;

    LiveBucketSeeder(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    static long currentBucket() {
        return System.currentTimeMillis() / BUCKET_MS * BUCKET_MS;
    }

    void content(UUID id, String type) {
        try {
            redis.value(String.class).setex(keys.content(id), TTL_SECONDS, JsonSerdes.mapper()
                    .writeValueAsString(new ContentMetadata("slug-" + id, "Title " + id, type, 600)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void bucket(UUID id, long bucket, String seconds, long events) {
        redis.sortedSet(String.class).zadd(keys.topSeconds(bucket), new BigDecimal(seconds).doubleValue(),
                id.toString());
        redis.sortedSet(String.class).zadd(keys.topEvents(bucket), events, id.toString());
        redis.hash(String.class).hset(keys.stats(bucket), id.toString(), new BucketStatsValue(new BigDecimal(seconds),
                events, events, 0, 0, 0, System.currentTimeMillis()).encode());
        for (String key : new String[] { keys.topSeconds(bucket), keys.topEvents(bucket), keys.stats(bucket) }) {
            redis.key().expire(key, TTL_SECONDS);
        }
    }
}
