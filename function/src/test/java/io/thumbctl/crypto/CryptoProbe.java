package io.thumbctl.crypto;

/** Prints what {@link NativeCrypto#install()} found, in a JVM of its own (JVM-wide state, as on Lambda). */
public final class CryptoProbe {

    private CryptoProbe() {
    }

    public static void main(String[] args) {
        NativeCrypto.Status status = NativeCrypto.install();
        System.out.println("active=" + status.active() + " aes-gcm from: " + NativeCrypto.aesGcmProvider().getName());
    }
}
