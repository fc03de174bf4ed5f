package io.engagement.query.redis;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * The rankings GET /top-content serves. The union of a window's buckets costs Redis milliseconds of its single
 * thread, so 1,000 requests a second must not each run it: a ranking is reloaded in the background once it is
 * older than {@code refresh-after} (requests meanwhile get the previous one, never wait) and dropped after
 * {@code max-age}, so an idle API never answers with an old ranking.
 */
@ApplicationScoped
public class RankingCache {
    private final AsyncLoadingCache<Key, TopContent> rankings;

    public RankingCache(WindowQueries queries,
            @ConfigProperty(name = "pipeline.top-content.refresh-after", defaultValue = "50ms") Duration refreshAfter,
            @ConfigProperty(name = "pipeline.top-content.max-age", defaultValue = "1s") Duration maxAge) {
        this.rankings = Caffeine.newBuilder()
                .refreshAfterWrite(refreshAfter)
                .expireAfterWrite(maxAge)
                .maximumSize(1_000)
                .buildAsync((key, executor) -> queries.top(key.buckets(), key.label(), key.by())
                        .subscribeAsCompletionStage());
    }

    public Uni<TopContent> top(int buckets, String label, RankBy by) {
        return Uni.createFrom().completionStage(() -> rankings.get(new Key(buckets, label, by)));
    }

    Set<Key> cachedKeys() {
        return rankings.synchronous().asMap().keySet();
    }

    record Key(int buckets, String label, RankBy by) {
    }
}
