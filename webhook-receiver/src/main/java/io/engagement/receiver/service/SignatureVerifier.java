package io.engagement.receiver.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.engagement.receiver.config.ReceiverConfig;

/**
 * Checks {@code X-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256(secret, "<t>." + body)>} over the exact bytes
 * received. The signed timestamp must lie within the tolerance of this receiver's clock, so a captured request
 * cannot be replayed later: moving {@code t} breaks the HMAC, keeping it makes the request expire.
 */
@ApplicationScoped
public class SignatureVerifier {
    private static final Pattern HEADER = Pattern.compile("t=(\\d{1,12}),sha256=([0-9a-fA-F]{64})");
    private static final String ALGORITHM = "HmacSHA256";

    /** Why a signature was refused; {@code null} in {@link #check} means it verified. */
    public enum Refusal { MISSING_OR_MALFORMED, MISMATCH, TIMESTAMP_OUTSIDE_TOLERANCE }

    private final SecretKeySpec key;
    private final Duration tolerance;
    private final Clock clock;

    @Inject
    public SignatureVerifier(ReceiverConfig config) {
        this(config.secret(), config.signatureTolerance(), Clock.systemUTC());
    }

    SignatureVerifier(String secret, Duration tolerance, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public Refusal check(byte[] body, String signatureHeader) {
        Matcher header = signatureHeader == null ? null : HEADER.matcher(signatureHeader);
        if (header == null || !header.matches()) {
            return Refusal.MISSING_OR_MALFORMED;
        }
        String timestamp = header.group(1);
        byte[] presented = HexFormat.of().parseHex(header.group(2));
        // Constant-time comparison: a timing side channel must not reveal how much of a forged signature matched.
        if (!MessageDigest.isEqual(sign(timestamp, body), presented)) {
            return Refusal.MISMATCH;
        }
        long skewSeconds = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        return skewSeconds > tolerance.toSeconds() ? Refusal.TIMESTAMP_OUTSIDE_TOLERANCE : null;
    }

    private byte[] sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
