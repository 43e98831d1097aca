package dev.cliauth.core.oauth;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class DpopKeyTest {

    @Test
    void aProofCarriesTheRfc9449ClaimsAndIsSignedByTheKey() throws Exception {
        DpopKey key = DpopKey.generate();
        SignedJWT proof = key.proof("GET", URI.create("https://api.example.com/me?x=1#frag"), "the-access-token", "server-nonce");

        assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
        assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(proof.getHeader().getJWK().isPrivate()).isFalse();
        assertThat(proof.verify(new ECDSAVerifier(proof.getHeader().getJWK().toECKey()))).isTrue();
        var claims = proof.getJWTClaimsSet();
        assertThat(claims.getStringClaim("htm")).isEqualTo("GET");
        assertThat(claims.getStringClaim("htu")).isEqualTo("https://api.example.com/me");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getStringClaim("nonce")).isEqualTo("server-nonce");
        String ath = Base64URL.encode(MessageDigest.getInstance("SHA-256").digest("the-access-token".getBytes(StandardCharsets.US_ASCII))).toString();
        assertThat(claims.getStringClaim("ath")).isEqualTo(ath);
        assertThat(proof.getHeader().getJWK().computeThumbprint().toString()).isEqualTo(key.thumbprint());
    }

    @Test
    void everyProofIsFreshAndTheKeySurvivesStorage() throws Exception {
        DpopKey key = DpopKey.generate();
        URI url = URI.create("https://id.example.com/token");
        assertThat(key.proof("POST", url, null, null).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(key.proof("POST", url, null, null).getJWTClaimsSet().getJWTID());
        DpopKey restored = DpopKey.parse(key.toPrivateJwk());
        assertThat(restored.thumbprint()).isEqualTo(key.thumbprint());
        assertThat(key.toString()).doesNotContain("\"d\"").contains(key.thumbprint());
        assertThat(key.proof("POST", url, null, null).getJWTClaimsSet().getClaim("ath")).isNull();
    }
}
