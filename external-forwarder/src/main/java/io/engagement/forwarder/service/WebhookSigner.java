package io.engagement.forwarder.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.forwarder.config.ForwarderConfig;

/** Derives a batch's Idempotency-Key and signs request bodies. The secret stays inside this class. */
@ApplicationScoped
public class WebhookSigner {
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    @Inject
    public WebhookSigner(ForwarderConfig config) {
        this(config.webhook().secret());
    }

    WebhookSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /**
     * SHA-256 over the sorted (event id, version) pairs: the same events give the same key whatever order or attempt,
     * and a correction of an event is a new batch, not a retry of the one that carried its earlier version.
     */
    public String idempotencyKey(Collection<EnrichedEvent> events) {
        String ids = events.stream().sorted(Comparator.comparingLong(EnrichedEvent::eventId)
                .thenComparingLong(EnrichedEvent::version)).map(e -> e.eventId() + "@" + e.version())
                .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ids.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * {@code t=<unix seconds>,sha256=<hex HMAC-SHA256(secret, "<t>." + body)>} over exactly the bytes that are sent.
     * Signed per attempt: the receiver refuses a timestamp outside its tolerance, so a captured request cannot be
     * replayed later, and a retry after a long outage must carry a fresh one.
     */
    public String signature(long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + unixSeconds + ",sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
