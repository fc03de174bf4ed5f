package io.engagement.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.RedisKeys;
import io.engagement.projector.service.BucketTotalsWriter;
import io.engagement.projector.service.PositionedTotals;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(TinyWindowProfile.class)
class BucketExpiryTest {
    @Inject
    BucketTotalsWriter writer;
    @Inject
    RedisDataSource redis;
    @Inject
    RedisKeys keys;

    @Test
    void bucketKeysDisappearOnceWindowPlusGraceHasPassed() {
        write(totals(UUID.randomUUID())); // warm the connection pool so the timed part below is only the write
        UUID content = UUID.randomUUID();
        ContentBucketTotals totals = totals(content);
        long bucket = totals.bucketStartMs();
        assertThat(write(totals)).isEqualTo(1);
        assertThat(redis.key().pttl(keys.topSeconds(bucket))).isPositive().isLessThanOrEqualTo(6_000);

        await().atMost(Duration.ofSeconds(15)).until(() -> !redis.key().exists(keys.topSeconds(bucket))
                && !redis.key().exists(keys.topEvents(bucket)) && !redis.key().exists(keys.stats(bucket)));
        // Replaying the same, now expired, record must not resurrect the keys.
        assertThat(write(totals)).isZero();
        assertThat(redis.key().exists(keys.topSeconds(bucket))).isFalse();
    }

    private int write(ContentBucketTotals totals) {
        return writer.write(List.of(new PositionedTotals(totals, 1))).await().atMost(Duration.ofSeconds(10));
    }

    private static ContentBucketTotals totals(UUID content) {
        long bucket = System.currentTimeMillis() / 2000 * 2000;
        return new ContentBucketTotals(content, bucket, 2, new BigDecimal("3.000"), 1, 1, 0, 0, 0,
                System.currentTimeMillis(), "slug", "Title", "video", 60);
    }
}
