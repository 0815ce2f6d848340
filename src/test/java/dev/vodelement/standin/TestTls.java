package dev.vodelement.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;

/**
 * The test certificate authority of the stand-ins: {@code src/test/resources/standin/image-server.p12},
 * a self-signed certificate for {@code localhost}, {@code images.example} and {@code 127.0.0.1}. The
 * HTTPS stand-ins serve it; the application under test is told to trust it at run time through a
 * trust store file written by {@link #writeTrustStore(Path)}.
 */
public final class TestTls {

    /** Password of the key store and of the trust stores written here. */
    public static final String PASSWORD = "changeit";
    private static final String KEY_STORE = "/standin/image-server.p12";

    private TestTls() {
    }

    /** A server-side context presenting the test certificate. */
    public static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("test key store", e);
        }
    }

    /** For {@link com.sun.net.httpserver.HttpsServer}-based stand-ins. */
    public static HttpsConfigurator httpsConfigurator() {
        return new HttpsConfigurator(serverContext());
    }

    /**
     * Writes a PKCS12 trust store (password {@link #PASSWORD}) holding only the test certificate, as a
     * trusted entry: what a deployment would get from {@code keytool -importcert}.
     */
    public static Path writeTrustStore(Path file) {
        try {
            Certificate certificate = keyStore().getCertificate("image-server");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("vod-element-test-ca", certificate);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the test trust store", e);
        }
    }

    /** A trust store in a fresh temporary file, removed when the test JVM ends. */
    public static Path temporaryTrustStore() {
        try {
            Path file = Files.createTempFile("vod-element-test-ca", ".p12");
            file.toFile().deleteOnExit();
            return writeTrustStore(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestTls.class.getResourceAsStream(KEY_STORE)) {
            if (in == null) {
                throw new IllegalStateException(KEY_STORE + " is not on the test class path");
            }
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
