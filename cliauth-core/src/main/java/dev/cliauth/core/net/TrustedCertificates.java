package dev.cliauth.core.net;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * TLS trust for networks that intercept TLS: the JDK's CAs plus the certificates of a PEM bundle
 * ({@code --ca-file}, {@code SSL_CERT_FILE}, or the profile's), so a corporate CA can be added without touching the
 * JDK's trust store.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /** A socket factory trusting the JDK's CAs and every certificate in {@code bundle}. */
    public static SSLSocketFactory withBundle(Path bundle) {
        List<X509Certificate> extra = read(bundle);
        try {
            X509TrustManager system = trustManager(null);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (X509Certificate jdk : system.getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + store.size(), jdk);
            }
            for (X509Certificate certificate : extra) {
                store.setCertificateEntry("bundle-" + store.size(), certificate);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(store)}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot use the CA bundle " + bundle + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    static List<X509Certificate> read(Path bundle) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(bundle);
        } catch (NoSuchFileException e) {
            throw new CliauthException(Failure.CONFIGURATION, "The CA bundle " + bundle + " does not exist; give a PEM file with --ca-file or SSL_CERT_FILE.");
        } catch (IOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Cannot read the CA bundle " + bundle + ": " + e.getMessage(), e);
        }
        try {
            Collection<? extends java.security.cert.Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> result = new ArrayList<>();
            for (var certificate : certificates) {
                result.add((X509Certificate) certificate);
            }
            if (result.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return result;
        } catch (CertificateException e) {
            throw new CliauthException(Failure.CONFIGURATION, "The CA bundle " + bundle + " holds no PEM certificates (" + e.getMessage() + ").", e);
        }
    }
}
