package io.engagement.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the live top list shows about a content item; stored as JSON under {@link RedisKeys#content}. */
@RegisterForReflection
public record ContentMetadata(String slug, String title, String contentType, Integer lengthSeconds) {

    public static ContentMetadata of(ContentBucketTotals totals) {
        return new ContentMetadata(totals.slug(), totals.title(), totals.contentType(), totals.lengthSeconds());
    }
}
