package io.engagement.forwarder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signatureIsHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2.
        WebhookSigner signer = new WebhookSigner("Jefe");
        assertThat(signer.signature("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void idempotencyKeyDependsOnTheEventIdsNotTheirOrder() {
        WebhookSigner signer = new WebhookSigner("secret");
        assertThat(signer.idempotencyKey(List.of(3L, 1L, 2L))).isEqualTo(signer.idempotencyKey(List.of(1L, 2L, 3L)));
        assertThat(signer.idempotencyKey(List.of(1L, 2L))).isNotEqualTo(signer.idempotencyKey(List.of(1L, 2L, 3L)));
        assertThat(signer.idempotencyKey(List.of(1L))).hasSize(64);
    }

    @Test
    void idempotencyKeyDoesNotDependOnTheSecret() {
        assertThat(new WebhookSigner("a").idempotencyKey(List.of(7L))).isEqualTo(new WebhookSigner("b").idempotencyKey(List.of(7L)));
    }
}
