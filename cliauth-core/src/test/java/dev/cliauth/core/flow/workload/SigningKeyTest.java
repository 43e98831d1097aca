package dev.cliauth.core.flow.workload;

import com.nimbusds.jose.JWSAlgorithm;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** PKCS#8 PEM private keys and the algorithm each implies (RFC 7518 §3.1); other formats say how to convert. */
class SigningKeyTest {
    private static final Path FILE = Path.of("/keys/ci.pem");

    private static String failure(String pem) {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> SigningKey.parsePem(pem, FILE));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).startsWith("The private key file /keys/ci.pem ").doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void anRsaKeySignsRs256() {
        KeyPair pair = WorkloadTestBed.keyPair("RSA", 2048);
        SigningKey key = SigningKey.parsePem(WorkloadTestBed.pkcs8Pem(pair), FILE);
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(key.key()).isEqualTo(pair.getPrivate());
    }

    @ParameterizedTest
    @CsvSource({"secp256r1,ES256", "secp384r1,ES384", "secp521r1,ES512"})
    void anEcKeySignsWithTheAlgorithmOfItsCurve(String curve, String algorithm) {
        SigningKey key = SigningKey.parsePem(WorkloadTestBed.pkcs8Pem(WorkloadTestBed.keyPair("EC", curve)), FILE);
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.parse(algorithm));
    }

    @Test
    void textAroundThePemBlockIsIgnored() {
        String pem = "TEST-ONLY key: never use it.\n" + WorkloadTestBed.pkcs8Pem(WorkloadTestBed.keyPair("EC", "secp256r1")) + "trailer\n";
        assertThat(SigningKey.parsePem(pem, FILE).algorithm()).isEqualTo(JWSAlgorithm.ES256);
    }

    @Test
    void traditionalRsaAndEcKeysSayHowToConvertThem() {
        assertThat(failure(WorkloadTestBed.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})))
                .contains("RS key in its traditional format").contains("openssl pkcs8 -topk8 -nocrypt");
        assertThat(failure(WorkloadTestBed.pem("EC PRIVATE KEY", new byte[] {1, 2, 3}))).contains("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anEncryptedKeyIsRefused() {
        assertThat(failure(WorkloadTestBed.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}))).contains("encrypted key");
    }

    @Test
    void aShortRsaKeyIsRefused() {
        assertThat(failure(WorkloadTestBed.pkcs8Pem(WorkloadTestBed.keyPair("RSA", 1024)))).contains("1024-bit RSA key").contains("2048");
    }

    @Test
    void somethingElseIsNamedButNeverQuoted() {
        assertThat(failure("just-a-secret-value")).contains("holds no PEM private key").doesNotContain("just-a-secret-value");
        assertThat(failure(WorkloadTestBed.pem("CERTIFICATE", new byte[] {1}))).contains("'CERTIFICATE' block");
        assertThat(failure(WorkloadTestBed.pem("PRIVATE KEY", "not a key at all".getBytes()))).contains("neither RSA nor EC");
    }
}
