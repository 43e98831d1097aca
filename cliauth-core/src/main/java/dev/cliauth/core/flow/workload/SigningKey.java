package dev.cliauth.core.flow.workload;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workload's private key for {@code private_key_jwt} (RFC 7523 §2.2, OpenID Connect Core §9), and the JWS
 * algorithm its type decides: RS256 for RSA (2048 bits or more), ES256/ES384/ES512 for EC P-256/P-384/P-521
 * (RFC 7518 §3.1). {@link #toString()} never shows the key.
 */
record SigningKey(PrivateKey key, JWSAlgorithm algorithm) {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    SigningKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Parses an unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); the messages say how to convert anything else. */
    static SigningKey parsePem(String text, Path file) {
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw invalid(file, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        String type = pem.group(1);
        if (type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY")) {
            throw invalid(file, "holds a " + type.substring(0, 2) + " key in its traditional format; convert it to PKCS#8 with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        if (type.equals("ENCRYPTED PRIVATE KEY")) {
            throw invalid(file, "holds an encrypted key; cliauth reads keys unencrypted, protected by the file's mode 0600");
        }
        if (!type.equals("PRIVATE KEY")) {
            throw invalid(file, "holds a PEM '" + type + "' block, not a PRIVATE KEY");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException e) {
            throw invalid(file, "holds a PRIVATE KEY block that is not valid base64");
        }
        PrivateKey key = decode(der, file);
        if (key instanceof RSAPrivateKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < 2048) {
                throw invalid(file, "holds a " + bits + "-bit RSA key; RS256 needs at least 2048 bits (RFC 7518 §3.3)");
            }
            return new SigningKey(key, JWSAlgorithm.RS256);
        }
        ECPrivateKey ec = (ECPrivateKey) key;
        Curve curve = Curve.forECParameterSpec(ec.getParams());
        if (Curve.P_256.equals(curve)) {
            return new SigningKey(key, JWSAlgorithm.ES256);
        } else if (Curve.P_384.equals(curve)) {
            return new SigningKey(key, JWSAlgorithm.ES384);
        } else if (Curve.P_521.equals(curve)) {
            return new SigningKey(key, JWSAlgorithm.ES512);
        }
        throw invalid(file, "holds an EC key on a curve other than P-256, P-384 or P-521");
    }

    private static PrivateKey decode(byte[] der, Path file) {
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException e) {
                // not this type: try the next
            }
        }
        throw invalid(file, "holds a private key that is neither RSA nor EC");
    }

    private static CliauthException invalid(Path file, String what) {
        return new CliauthException(Failure.CONFIGURATION, "The private key file " + file + " " + what + ".");
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + "]";
    }
}
