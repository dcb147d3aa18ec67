package io.thumbctl.testing;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate for {@code 127.0.0.1}, made once per JVM (or per benchmark run) with the JDK's
 * own {@code keytool}, so the test server can speak HTTPS as S3 does and a client can trust it
 * without trusting anything else. RSA 2048 and SHA256withRSA, like S3's own certificates, so the
 * handshake costs what it costs against S3.
 *
 * <ul>
 *   <li>{@link #serverKeyStore()}: PKCS12 with the key and certificate, for s3proxy;
 *   <li>{@link #trustStore()}: PKCS12 with the certificate alone, for {@code javax.net.ssl.trustStore};
 *   <li>{@link #certificatePem()}: the certificate in PEM, for boto3's {@code AWS_CA_BUNDLE}.
 * </ul>
 */
public final class TestTls {

    public static final String PASSWORD = "thumbctl-test";
    private static final String ALIAS = "s3";

    private static TestTls shared;

    private final Path dir;

    private TestTls(Path dir) {
        this.dir = dir;
    }

    /** The JVM's one test certificate, made on first use. */
    public static synchronized TestTls shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("thumbctl-tls");
                shared = createIn(dir);
                for (Path file : List.of(shared.serverKeyStore(), shared.certificatePem(), shared.trustStore(), dir)) {
                    file.toFile().deleteOnExit();
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not make a test certificate", e);
            }
        }
        return shared;
    }

    /** Makes {@code tls} the JVM's one test certificate (a benchmark's, made where its tools find it). */
    public static synchronized void useFrom(TestTls tls) {
        shared = tls;
    }

    /** Makes the key, the certificate and both stores in {@code dir}. */
    public static TestTls createIn(Path dir) throws IOException {
        TestTls tls = new TestTls(dir);
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "3650",
                "-keystore", tls.serverKeyStore().toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", tls.serverKeyStore().toString(),
                "-storepass", PASSWORD, "-file", tls.certificatePem().toString());
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", tls.certificatePem().toString(),
                "-keystore", tls.trustStore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return tls;
    }

    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Path certificatePem() {
        return dir.resolve("ca.pem");
    }

    /** Trust managers that trust this certificate and nothing else. */
    public TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(trustStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the test trust store " + trustStore(), e);
        }
    }

    /** The JVM flags that make a whole JVM (a forked function, the benchmark's) trust this certificate. */
    public List<String> trustStoreFlags() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
