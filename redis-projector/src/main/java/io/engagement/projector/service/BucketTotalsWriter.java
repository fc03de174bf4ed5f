package io.engagement.projector.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.engagement.contracts.BucketStatsValue;
import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.ContentMetadata;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.RedisKeys;
import io.engagement.contracts.LiveWindowConfig;
import io.engagement.projector.metrics.ProjectorMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Writes absolute bucket totals to Redis in one pipelined batch per Kafka batch. Every command sets a value
 * (ZADD, HSET, SET, PEXPIREAT), never adds to one, so a redelivered batch leaves Redis exactly as it was.
 */
@ApplicationScoped
public class BucketTotalsWriter {
    private static final Logger LOG = Logger.getLogger(BucketTotalsWriter.class);

    private final Redis redis;
    private final RedisKeys keys;
    private final LiveWindowConfig window;
    private final ProjectorMetrics metrics;
    private final RedisWriteState state;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public BucketTotalsWriter(Redis redis, RedisKeys keys, LiveWindowConfig window, ProjectorMetrics metrics,
            RedisWriteState state,
            @ConfigProperty(name = "pipeline.redis.retry.initial-backoff", defaultValue = "100ms") Duration initialBackoff,
            @ConfigProperty(name = "pipeline.redis.retry.max-backoff", defaultValue = "5s") Duration maxBackoff) {
        this.redis = redis;
        this.keys = keys;
        this.window = window;
        this.metrics = metrics;
        this.state = state;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Completes with the number of bucket totals written once Redis acknowledged every one of them. While Redis
     * fails it retries with backoff and does not complete, so the caller never acknowledges unwritten records.
     */
    public Uni<Integer> write(List<ContentBucketTotals> batch) {
        long now = System.currentTimeMillis();
        Collection<ContentBucketTotals> live = newestLive(batch, now);
        if (live.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Request> commands = commands(live, now);
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return redis.batch(commands).invoke(() -> metrics.batchWrite(System.nanoTime() - start));
        })
                .onFailure().invoke(e -> {
                    LOG.warnf("Redis write of %d totals failed, retrying: %s", live.size(), e.getMessage());
                    state.failed(e);
                })
                .onFailure().retry().withBackOff(initialBackoff, maxBackoff).indefinitely()
                .map(acknowledged -> {
                    state.succeeded();
                    long ackedAt = System.currentTimeMillis();
                    live.forEach(t -> metrics.written(t.maxSourceTsMs(), ackedAt));
                    return live.size();
                });
    }

    /** Later records of a key supersede earlier ones (same key = same partition, so batch order is record order). */
    private Collection<ContentBucketTotals> newestLive(List<ContentBucketTotals> batch, long now) {
        Map<String, ContentBucketTotals> newest = new LinkedHashMap<>();
        for (ContentBucketTotals totals : batch) {
            if (window.isExpired(totals.bucketStartMs(), now)) {
                metrics.skipped();
            } else {
                newest.put(totals.key(), totals);
            }
        }
        return newest.values();
    }

    /**
     * Per bucket: one ZADD per measure and one HSET, each carrying every content of the batch in that bucket. A
     * content whose bucket total fell back to zero events (its events were corrected away or deleted) is removed
     * from the bucket instead (ZREM, HDEL: absolute too), so it does not rank with 0 in the top list.
     */
    private List<Request> commands(Collection<ContentBucketTotals> live, long now) {
        Map<Long, List<ContentBucketTotals>> byBucket = new LinkedHashMap<>();
        Map<UUID, ContentBucketTotals> newestMetadata = new LinkedHashMap<>();
        for (ContentBucketTotals t : live) {
            byBucket.computeIfAbsent(t.bucketStartMs(), b -> new ArrayList<>()).add(t);
            newestMetadata.put(t.contentId(), t);
        }
        List<Request> commands = new ArrayList<>(byBucket.size() * 9 + newestMetadata.size());
        byBucket.forEach((bucket, totals) -> {
            Request seconds = Request.cmd(Command.ZADD).arg(keys.topSeconds(bucket));
            Request events = Request.cmd(Command.ZADD).arg(keys.topEvents(bucket));
            Request stats = Request.cmd(Command.HSET).arg(keys.stats(bucket));
            List<String> emptied = new ArrayList<>();
            for (ContentBucketTotals t : totals) {
                String member = t.contentId().toString();
                if (t.events() == 0) {
                    emptied.add(member);
                    continue;
                }
                seconds.arg(t.engagementSeconds().toPlainString()).arg(member);
                events.arg(t.events()).arg(member);
                stats.arg(member).arg(BucketStatsValue.of(t).encode());
            }
            if (emptied.size() < totals.size()) {
                commands.add(seconds);
                commands.add(events);
                commands.add(stats);
            }
            if (!emptied.isEmpty()) {
                commands.add(withArgs(Request.cmd(Command.ZREM).arg(keys.topSeconds(bucket)), emptied));
                commands.add(withArgs(Request.cmd(Command.ZREM).arg(keys.topEvents(bucket)), emptied));
                commands.add(withArgs(Request.cmd(Command.HDEL).arg(keys.stats(bucket)), emptied));
            }
            long expireAt = window.expireAtMs(bucket, now);
            for (String key : List.of(keys.topSeconds(bucket), keys.topEvents(bucket), keys.stats(bucket))) {
                commands.add(Request.cmd(Command.PEXPIREAT).arg(key).arg(expireAt));
            }
        });
        // Relative expiry: metadata must outlive the newest bucket that names this content.
        newestMetadata.values().forEach(t -> commands.add(Request.cmd(Command.SET).arg(keys.content(t.contentId()))
                .arg(json(ContentMetadata.of(t))).arg("PX").arg(window.retentionMs())));
        return commands;
    }

    private static Request withArgs(Request request, List<String> args) {
        args.forEach(request::arg);
        return request;
    }

    private static String json(ContentMetadata metadata) {
        try {
            return JsonSerdes.mapper().writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content metadata not serializable", e);
        }
    }
}
