package io.engagement.receiver.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.engagement.receiver.config.ReceiverConfig;

/** Checks {@code X-Signature: sha256=<hex HMAC-SHA256(secret, body)>} over the exact bytes received. */
@ApplicationScoped
public class SignatureVerifier {
    static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public SignatureVerifier(ReceiverConfig config) {
        this.key = new SecretKeySpec(config.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public boolean verifies(byte[] body, String signatureHeader) {
        if (signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        // Constant-time comparison: a timing side channel must not reveal how much of a forged signature matched.
        return MessageDigest.isEqual(sign(body), presented);
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
