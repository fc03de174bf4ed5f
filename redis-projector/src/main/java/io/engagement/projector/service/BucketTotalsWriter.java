package io.engagement.projector.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

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
import io.vertx.mutiny.redis.client.Response;

/**
 * Writes absolute bucket totals to Redis, one pipelined request per Kafka batch: per bucket one atomic script
 * ({@code redis/write-bucket.lua}) that sets scores, stats and expiry together and lets a content's total be replaced
 * only by one from a later offset; per content one SET of its metadata. Every command sets a value, never adds to
 * one, so a redelivered batch leaves Redis exactly as it was, and a slow instance after a rebalance, or a rebuild
 * racing live writes, cannot put an older total back. The script also reports a Redis that lost its data.
 */
@ApplicationScoped
public class BucketTotalsWriter {
    private static final Logger LOG = Logger.getLogger(BucketTotalsWriter.class);
    private static final String SCRIPT = script("redis/write-bucket.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final LiveWindowConfig window;
    private final ProjectorMetrics metrics;
    private final RedisWriteState state;
    private final Event<RedisDataLost> dataLost;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public BucketTotalsWriter(Redis redis, RedisKeys keys, LiveWindowConfig window, ProjectorMetrics metrics,
            RedisWriteState state, Event<RedisDataLost> dataLost,
            @ConfigProperty(name = "pipeline.redis.retry.initial-backoff", defaultValue = "100ms") Duration initialBackoff,
            @ConfigProperty(name = "pipeline.redis.retry.max-backoff", defaultValue = "5s") Duration maxBackoff) {
        this.redis = redis;
        this.keys = keys;
        this.window = window;
        this.metrics = metrics;
        this.state = state;
        this.dataLost = dataLost;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Completes with the number of bucket totals written once Redis acknowledged every one of them. While Redis
     * fails it retries with backoff and does not complete, so the caller never acknowledges unwritten records.
     */
    public Uni<Integer> write(List<PositionedTotals> batch) {
        long now = System.currentTimeMillis();
        Collection<PositionedTotals> live = newestLive(batch, now);
        if (live.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<Long, List<PositionedTotals>> byBucket = new LinkedHashMap<>();
        live.forEach(t -> byBucket.computeIfAbsent(t.totals().bucketStartMs(), b -> new ArrayList<>()).add(t));
        List<Request> commands = commands(byBucket, now);
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return redis.batch(commands).invoke(() -> metrics.batchWrite(System.nanoTime() - start));
        })
                .onFailure().invoke(e -> {
                    LOG.warnf("Redis write of %d totals failed, retrying: %s", live.size(), e.getMessage());
                    state.failed(e);
                })
                .onFailure().retry().withBackOff(initialBackoff, maxBackoff).indefinitely()
                .map(replies -> {
                    state.succeeded();
                    boolean lost = false;
                    // The first byBucket.size() replies are the scripts', in bucket order.
                    for (int i = 0; i < byBucket.size(); i++) {
                        Response reply = replies.get(i);
                        metrics.fenced(reply.get(0).toInteger());
                        lost |= reply.get(1).toInteger() == 1;
                    }
                    long ackedAt = System.currentTimeMillis();
                    live.forEach(t -> metrics.written(t.totals().maxSourceTsMs(), ackedAt));
                    if (lost) {
                        dataLost.fireAsync(new RedisDataLost(now));
                    }
                    return live.size();
                });
    }

    /** Later records of a key supersede earlier ones (same key = same partition, so batch order is record order). */
    private Collection<PositionedTotals> newestLive(List<PositionedTotals> batch, long now) {
        Map<String, PositionedTotals> newest = new LinkedHashMap<>();
        for (PositionedTotals positioned : batch) {
            if (window.isExpired(positioned.totals().bucketStartMs(), now)) {
                metrics.skipped();
            } else {
                newest.put(positioned.totals().key(), positioned);
            }
        }
        return newest.values();
    }

    private List<Request> commands(Map<Long, List<PositionedTotals>> byBucket, long now) {
        Map<UUID, ContentBucketTotals> newestMetadata = new LinkedHashMap<>();
        List<Request> commands = new ArrayList<>();
        byBucket.forEach((bucket, totals) -> {
            Request script = Request.cmd(Command.EVAL).arg(SCRIPT).arg(5)
                    .arg(keys.topSeconds(bucket)).arg(keys.topEvents(bucket)).arg(keys.stats(bucket))
                    .arg(keys.versions(bucket)).arg(keys.epoch())
                    .arg(window.expireAtMs(bucket, now)).arg(Long.toString(now));
            for (PositionedTotals positioned : totals) {
                ContentBucketTotals t = positioned.totals();
                script.arg(t.contentId().toString()).arg(positioned.offset()).arg(t.engagementSeconds().toPlainString())
                        .arg(t.events()).arg(BucketStatsValue.of(t).encode());
                newestMetadata.put(t.contentId(), t);
            }
            commands.add(script);
        });
        // Relative expiry: metadata must outlive the newest bucket that names this content.
        newestMetadata.values().forEach(t -> commands.add(Request.cmd(Command.SET).arg(keys.content(t.contentId()))
                .arg(json(ContentMetadata.of(t))).arg("PX").arg(window.retentionMs())));
        return commands;
    }

    private static String json(ContentMetadata metadata) {
        try {
            return JsonSerdes.mapper().writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content metadata not serializable", e);
        }
    }

    private static String script(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
