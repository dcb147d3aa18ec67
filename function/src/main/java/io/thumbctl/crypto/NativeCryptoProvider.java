package io.thumbctl.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Set;

/**
 * The deterministic primitives of AWS-LC, taken from the Amazon Corretto Crypto Provider (ACCP):
 * AES-GCM, message digests and HMACs, which carry a TLS connection's bulk data, its handshake's
 * hashes and key schedule, and SigV4's signatures. Nothing here draws a random number: keys,
 * key shares and SecureRandom stay with the JDK's own providers.
 *
 * <p>Why not ACCP whole: with SnapStart, one snapshot is restored into many execution
 * environments, and Lambda names {@code java.security.SecureRandom} (the JDK's) among the
 * generators that stay unique across restores; AWS-LC's own DRBG, which ACCP's SecureRandom and
 * its key generators use, is not named there. The primitives kept here need no randomness (a TLS
 * record's GCM nonce comes from its sequence number), so a restored copy computes exactly what a
 * fresh one would.
 */
final class NativeCryptoProvider extends Provider {

    static final String NAME = "ThumbctlNativeCrypto";

    /** Type and algorithm of each service taken, as ACCP registers them. */
    private static final Set<String> TAKEN = Set.of(
            "Cipher.AES/GCM/NoPadding",
            "MessageDigest.SHA-1", "MessageDigest.SHA-256", "MessageDigest.SHA-384", "MessageDigest.SHA-512",
            "MessageDigest.MD5",
            "Mac.HmacSHA1", "Mac.HmacSHA256", "Mac.HmacSHA384", "Mac.HmacSHA512");

    NativeCryptoProvider(Provider accp) {
        super(NAME, "1.0", "AES-GCM, digests and HMACs of AWS-LC (through " + accp.getName() + " "
                + accp.getVersionStr() + "); no random numbers");
        for (Service service : accp.getServices()) {
            if (TAKEN.contains(service.getType() + "." + service.getAlgorithm())) {
                putService(new Delegate(this, service));
            }
        }
    }

    /** How many services were taken: all of {@link #TAKEN} when ACCP is healthy. */
    int taken() {
        return getServices().size();
    }

    static int wanted() {
        return TAKEN.size();
    }

    /** One of ACCP's services, offered under this provider's name. */
    private static final class Delegate extends Service {

        private final Service target;

        Delegate(Provider owner, Service target) {
            super(owner, target.getType(), target.getAlgorithm(), target.getClassName(), null, null);
            this.target = target;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return target.newInstance(constructorParameter);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return target.supportsParameter(parameter);
        }
    }
}
