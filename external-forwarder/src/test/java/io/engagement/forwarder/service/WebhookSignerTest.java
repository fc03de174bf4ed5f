package io.engagement.forwarder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.forwarder.support.EnrichedEvents;

class WebhookSignerTest {

    @Test
    void signatureIsHexHmacSha256OfTheTimestampDotBody() {
        WebhookSigner signer = new WebhookSigner("secret");
        // printf '1700000000.{"events":[]}' | openssl dgst -sha256 -hmac secret
        assertThat(signer.signature(1700000000L, "{\"events\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,sha256=3947de27ec923573170fccda604ddfb25583ff98dc51e96cca2e11c59545026a");
    }

    @Test
    void idempotencyKeyDependsOnTheEventVersionsNotTheirOrder() {
        WebhookSigner signer = new WebhookSigner("secret");
        assertThat(signer.idempotencyKey(List.of(v(3, 30), v(1, 10), v(2, 20))))
                .isEqualTo(signer.idempotencyKey(List.of(v(1, 10), v(2, 20), v(3, 30))));
        assertThat(signer.idempotencyKey(List.of(v(1, 10), v(2, 20))))
                .isNotEqualTo(signer.idempotencyKey(List.of(v(1, 10), v(2, 20), v(3, 30))));
        assertThat(signer.idempotencyKey(List.of(v(1, 10)))).hasSize(64);
    }

    @Test
    void aCorrectionOfAnEventIsANewBatchNotARetryOfTheFirst() {
        WebhookSigner signer = new WebhookSigner("secret");
        assertThat(signer.idempotencyKey(List.of(v(7, 200)))).isNotEqualTo(signer.idempotencyKey(List.of(v(7, 100))));
    }

    @Test
    void idempotencyKeyDoesNotDependOnTheSecret() {
        assertThat(new WebhookSigner("a").idempotencyKey(List.of(v(7, 70))))
                .isEqualTo(new WebhookSigner("b").idempotencyKey(List.of(v(7, 70))));
    }

    private static EnrichedEvent v(long id, long version) {
        return EnrichedEvents.event(id, CdcOp.UPDATE, UUID.randomUUID(), version);
    }
}
