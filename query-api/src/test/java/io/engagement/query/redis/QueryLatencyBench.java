package io.engagement.query.redis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not part of the suite (run by bench.sh): GET /top-content at a constant arrival rate (open model: latency is
 * measured from each request's scheduled send time, so a stall is not hidden by fewer requests being sent).
 */
@QuarkusTest
@QuarkusTestResource(RedisPrefixResource.class)
class QueryLatencyBench {
    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int CONTENTS_PER_BUCKET = Integer.getInteger("bench.contents", 200);

    @Inject
    RedisDataSource redis;
    @Inject
    RedisKeys keys;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void topContentAtConstantRate() throws Exception {
        populate();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/top-content?limit=10&window=10m"))
                .build();
        for (int i = 0; i < 2000; i++) { // warm-up
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        int total = RATE * SECONDS;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long interval = 1_000_000_000L / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i;
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                latencies[slot] = System.nanoTime() - scheduled;
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("BENCH query-api GET /top-content?limit=10&window=10m, %d buckets x %d contents: "
                + "%,d requests at %d/s target, achieved %.0f/s, errors %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                + "p99.9 %.2f ms, max %.2f ms%n", 60, CONTENTS_PER_BUCKET, total, RATE, total / seconds,
                errors.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), ms(latencies, 0.999),
                latencies[total - 1] / 1e6);
    }

    private void populate() {
        LiveBucketSeeder seeder = new LiveBucketSeeder(redis, keys);
        List<UUID> contents = new ArrayList<>();
        for (int i = 0; i < CONTENTS_PER_BUCKET * 2; i++) {
            UUID id = UUID.randomUUID();
            contents.add(id);
            seeder.content(id, "video");
        }
        long current = LiveBucketSeeder.currentBucket();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int b = 0; b < 60 + SECONDS / 10 + 1; b++) {
            long bucket = current - (60 - SECONDS / 10 - 1 - b) * LiveBucketSeeder.BUCKET_MS;
            for (int c = 0; c < CONTENTS_PER_BUCKET; c++) {
                seeder.bucket(contents.get(random.nextInt(contents.size())), bucket,
                        String.valueOf(random.nextInt(100_000) / 1000.0), 1 + random.nextInt(50));
            }
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
