package io.thumbctl.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.Security;

/**
 * Puts AWS-LC's AES-GCM, digests and HMACs ({@link NativeCryptoProvider}) first among the JCA
 * providers, so the function's TLS to S3 and its SigV4 signing run at native speed whatever the
 * JIT does. Lambda's java17 and java21 runtimes stop the JIT at C1, where the JDK's AES-GCM runs
 * at about 49 MB/s and SHA-256 at 147 MB/s here (the intrinsics need C2): a 16 MB photo then
 * spends about 330 ms decrypting its own GET. AWS-LC does more than 4 GB/s under any JIT.
 *
 * <p>Where the native library cannot load (another CPU, a locked /tmp, switched off with
 * {@value #SWITCH}{@code =false}), one warning line says so and the JDK's providers carry on:
 * slower, never failing.
 *
 * <p>The library: ACCP's x86_64 build sits where ACCP looks for it in the jar (and is copied to
 * /tmp to be loaded); the arm64 build is {@code lib/libamazonCorrettoCryptoProvider.so}, which
 * Lambda's {@code /var/task/lib} (on the runtime's library path) holds, and ACCP loads it from
 * there when told to use the system's library.
 */
public final class NativeCrypto {

    /** Environment variable: {@code false} keeps the JDK's providers (an A/B, or a suspicion). */
    public static final String SWITCH = "THUMBCTL_NATIVE_CRYPTO";
    private static final String USE_SYSTEM_LIBRARY = "com.amazon.corretto.crypto.provider.useExternalLib";
    private static final Logger LOG = LoggerFactory.getLogger(NativeCrypto.class);

    private static Status status;

    private NativeCrypto() {
    }

    /** What {@link #install()} found: whether the native primitives carry the JCA, and why not. */
    public record Status(boolean active, String detail) {
    }

    /** Installs the native primitives once per JVM; later calls return the first call's status. */
    public static synchronized Status install() {
        if (status == null) {
            status = tryInstall(System.getenv(SWITCH));
            if (status.active()) {
                LOG.debug("native crypto: {}", status.detail());
            } else if (!"switched off".equals(status.detail())) {
                LOG.warn("native crypto unavailable ({}): TLS and SigV4 use the JDK's providers, slower under C1",
                        status.detail());
            }
        }
        return status;
    }

    static Status tryInstall(String switchValue) {
        if ("false".equalsIgnoreCase(switchValue)) {
            return new Status(false, "switched off");
        }
        if ("aarch64".equals(System.getProperty("os.arch")) && System.getProperty(USE_SYSTEM_LIBRARY) == null) {
            // the jar's own copy is x86_64's; arm64's is in the task root's lib/ (see the class comment)
            System.setProperty(USE_SYSTEM_LIBRARY, "true");
        }
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loadingError = accp.getLoadingError();
            if (loadingError != null) {
                return new Status(false, "ACCP could not load its library: " + loadingError);
            }
            accp.assertHealthy();
            NativeCryptoProvider provider = new NativeCryptoProvider(accp);
            if (provider.taken() != NativeCryptoProvider.wanted()) {
                return new Status(false, "ACCP " + accp.getVersionStr() + " offers " + provider.taken() + " of the "
                        + NativeCryptoProvider.wanted() + " primitives wanted");
            }
            Security.insertProviderAt(provider, 1);
            return new Status(true, provider.getInfo());
        } catch (RuntimeException | LinkageError e) {
            return new Status(false, e.toString());
        }
    }

    /** The provider the JCA now picks first for TLS's AES-GCM: this one, or the JDK's. */
    public static Provider aesGcmProvider() {
        try {
            return javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").getProvider();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no AES-GCM at all", e);
        }
    }
}
