package io.engagement.query.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.engagement.contracts.BucketStatsValue;
import io.engagement.contracts.ContentMetadata;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.RedisKeys;
import io.engagement.contracts.LiveWindowConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/** The live-window reads, each one Lua script = one Redis round trip, atomic against concurrent projector writes. */
@ApplicationScoped
public class WindowQueries {
    private static final LuaScript TOP = LuaScript.fromResource("redis/top-content.lua");
    private static final LuaScript STATS = LuaScript.fromResource("redis/content-stats.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final LiveWindowConfig window;

    public WindowQueries(Redis redis, RedisKeys keys, LiveWindowConfig window) {
        this.redis = redis;
        this.keys = keys;
        this.window = window;
    }

    /** The window's ranking at the API's maximum length; {@link RankingCache} serves it, cut to each limit. */
    public Uni<TopContent> top(int buckets, String label, RankBy by) {
        LiveWindow live = LiveWindow.at(System.currentTimeMillis(), window.bucketMs(), buckets);
        List<String> scriptKeys = new ArrayList<>(2 * buckets + 2);
        scriptKeys.add(keys.scratch("ranking"));
        scriptKeys.add(keys.scratch("other"));
        live.bucketStarts().forEach(b -> scriptKeys.add(by == RankBy.SECONDS ? keys.topSeconds(b) : keys.topEvents(b)));
        live.bucketStarts().forEach(b -> scriptKeys.add(by == RankBy.SECONDS ? keys.topEvents(b) : keys.topSeconds(b)));
        return TOP.run(redis, scriptKeys, List.of(String.valueOf(buckets), String.valueOf(TopContent.MAX_ROWS),
                keys.contentPrefix()))
                .map(reply -> {
                    List<TopContentRow> rows = new ArrayList<>(reply.size());
                    for (int i = 0; i < reply.size(); i++) {
                        Response row = reply.get(i);
                        String ranked = row.get(1).toString();
                        String other = row.get(2).toString();
                        String seconds = by == RankBy.SECONDS ? ranked : other;
                        String events = by == RankBy.SECONDS ? other : ranked;
                        ContentMetadata meta = metadata(row.get(3));
                        rows.add(new TopContentRow(i + 1, UUID.fromString(row.get(0).toString()), meta.slug(),
                                meta.title(), meta.contentType(), meta.lengthSeconds(), seconds(seconds),
                                Math.round(Double.parseDouble(events))));
                    }
                    return new TopContent(by.wire(), label, live.start(), live.end(), rows);
                });
    }

    /** Empty when Redis holds no metadata for the content, i.e. it saw no events within window + grace. */
    public Uni<Optional<ContentStats>> stats(UUID contentId, int buckets, String label) {
        LiveWindow live = LiveWindow.at(System.currentTimeMillis(), window.bucketMs(), buckets);
        List<String> scriptKeys = new ArrayList<>(buckets + 1);
        scriptKeys.add(keys.content(contentId));
        live.bucketStarts().forEach(b -> scriptKeys.add(keys.stats(b)));
        List<String> args = new ArrayList<>(buckets + 1);
        args.add(contentId.toString());
        live.bucketStarts().forEach(b -> args.add(String.valueOf(b)));
        return STATS.run(redis, scriptKeys, args).map(reply -> {
            if (reply == null) {
                return Optional.empty();
            }
            ContentMetadata meta = metadata(reply.get(0));
            Response rows = reply.get(1);
            List<BucketStats> perBucket = new ArrayList<>(rows.size());
            BigDecimal totalSeconds = BigDecimal.ZERO.setScale(3);
            long totalEvents = 0;
            for (int i = 0; i < rows.size(); i++) {
                Response row = rows.get(i);
                BucketStatsValue value = BucketStatsValue.decode(row.get(1).toString());
                BucketStats bucket = new BucketStats(Instant.ofEpochMilli(row.get(0).toLong()),
                        value.engagementSeconds().setScale(3, RoundingMode.HALF_UP), value.events(), value.plays(),
                        value.pauses(), value.finishes(), value.clicks());
                perBucket.add(bucket);
                totalSeconds = totalSeconds.add(bucket.engagementSeconds());
                totalEvents += bucket.events();
            }
            return Optional.of(new ContentStats(contentId, meta.slug(), meta.title(), meta.contentType(),
                    meta.lengthSeconds(), label, live.start(), live.end(), totalSeconds, totalEvents, perBucket));
        });
    }

    /** Redis sums scores as doubles; engagement seconds have 3 decimals, so rounding restores the exact value. */
    private static BigDecimal seconds(String score) {
        return new BigDecimal(score).setScale(3, RoundingMode.HALF_UP);
    }

    /** Metadata expires after the content's last bucket; a row whose metadata is gone still ranks, unnamed. */
    private static ContentMetadata metadata(Response json) {
        if (json == null) {
            return new ContentMetadata(null, null, null, null);
        }
        try {
            return JsonSerdes.mapper().readValue(json.toString(), ContentMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
