package io.engagement.receiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final byte[] BODY = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
    // printf '1700000000.{"events":[]}' | openssl dgst -sha256 -hmac secret
    private static final String SIGNED_AT_1700000000 =
            "t=1700000000,sha256=3947de27ec923573170fccda604ddfb25583ff98dc51e96cca2e11c59545026a";

    @Test
    void aSignatureWithinTheToleranceVerifiesAndOneSecondBeyondItIsAReplay() {
        assertThat(verifierAt(1700000300).check(BODY, SIGNED_AT_1700000000)).isNull();
        assertThat(verifierAt(1699999700).check(BODY, SIGNED_AT_1700000000)).isNull();
        assertThat(verifierAt(1700000301).check(BODY, SIGNED_AT_1700000000))
                .isEqualTo(SignatureVerifier.Refusal.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @Test
    void malformedHeadersAreRefusedAsMalformedAndAWrongDigestAsMismatch() {
        SignatureVerifier verifier = verifierAt(1700000000);
        for (String header : new String[] {null, "", "sha256=" + "0".repeat(64), "t=abc,sha256=" + "0".repeat(64),
                "t=1,sha256=zz"}) {
            assertThat(verifier.check(BODY, header)).as(String.valueOf(header))
                    .isEqualTo(SignatureVerifier.Refusal.MISSING_OR_MALFORMED);
        }
        assertThat(verifier.check(BODY, "t=1700000000,sha256=" + "0".repeat(64)))
                .isEqualTo(SignatureVerifier.Refusal.MISMATCH);
        assertThat(verifier.check("{}".getBytes(StandardCharsets.UTF_8), SIGNED_AT_1700000000))
                .isEqualTo(SignatureVerifier.Refusal.MISMATCH);
    }

    private static SignatureVerifier verifierAt(long unixSeconds) {
        return new SignatureVerifier("secret", Duration.ofSeconds(300),
                Clock.fixed(Instant.ofEpochSecond(unixSeconds), ZoneOffset.UTC));
    }
}
