package io.engagement.simulator.generator;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import io.engagement.contracts.ContentType;

/** Invents a plausible media catalogue: podcasts of 10–90 minutes, videos of 1–60 minutes, newsletters without length. */
public final class CatalogueGenerator {
    private static final String[] TOPICS = { "markets", "climate", "football", "ai", "cooking", "history", "travel",
            "music", "science", "startups", "health", "design", "chess", "space", "film" };
    private static final String[] FORMATS = { "weekly", "deep-dive", "explained", "live", "digest", "interview" };

    private CatalogueGenerator() {
    }

    public static List<ContentDraft> generate(int count, int offset, RandomGenerator random) {
        List<ContentDraft> drafts = new ArrayList<>(count);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            int n = offset + i;
            ContentType type = pickType(random);
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            String format = FORMATS[random.nextInt(FORMATS.length)];
            Integer length = switch (type) {
                case PODCAST -> 600 + random.nextInt(81 * 60);
                case VIDEO -> 60 + random.nextInt(59 * 60);
                case NEWSLETTER -> null;
            };
            String title = capitalise(topic) + " " + format.replace('-', ' ') + " #" + (n + 1);
            String slug = type.wire() + "-" + topic + "-" + format + "-" + (n + 1) + "-"
                    + Integer.toHexString(random.nextInt(0x10000));
            drafts.add(new ContentDraft(UUID.randomUUID(), slug, title, type.wire(), length,
                    now.minusMinutes(random.nextInt(2 * 365 * 24 * 60))));
        }
        return drafts;
    }

    private static ContentType pickType(RandomGenerator random) {
        double p = random.nextDouble();
        return p < 0.45 ? ContentType.PODCAST : p < 0.8 ? ContentType.VIDEO : ContentType.NEWSLETTER;
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
