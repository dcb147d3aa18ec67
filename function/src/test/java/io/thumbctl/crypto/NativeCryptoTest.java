package io.thumbctl.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the native provider offers and what it leaves to the JDK: deterministic primitives only,
 * so that nothing random comes from AWS-LC's DRBG, whose state a SnapStart snapshot would copy into
 * every restored environment; and a TLS exchange (what priming runs) on top of it.
 */
class NativeCryptoTest {

    @BeforeAll
    static void install() {
        assertThat(NativeCrypto.install().active()).as("native crypto on this machine").isTrue();
    }

    @Test
    void provider_offersOnlyPrimitivesThatDrawNoRandomNumbers() {
        Provider provider = new NativeCryptoProvider(AmazonCorrettoCryptoProvider.INSTANCE);

        assertThat(provider.getServices()).extracting(Provider.Service::getType)
                .containsOnly("Cipher", "MessageDigest", "Mac");
        assertThat(provider.getServices()).filteredOn(s -> s.getType().equals("Cipher"))
                .extracting(Provider.Service::getAlgorithm).containsExactly("AES/GCM/NoPadding");
    }

    @Test
    void installed_carriesDigestsAndMacs() throws Exception {
        assertThat(MessageDigest.getInstance("SHA-256").getProvider().getName()).isEqualTo(NativeCryptoProvider.NAME);
        assertThat(Mac.getInstance("HmacSHA256").getProvider().getName()).isEqualTo(NativeCryptoProvider.NAME);
        assertThat(NativeCrypto.aesGcmProvider().getName()).isEqualTo(NativeCryptoProvider.NAME);
    }

    @Test
    void installed_leavesRandomnessKeysAndSignaturesToTheJdk() throws Exception {
        assertThat(new SecureRandom().getProvider().getName()).isEqualTo("SUN");
        assertThat(KeyPairGenerator.getInstance("XDH").getProvider().getName()).isEqualTo("SunEC");
        assertThat(KeyPairGenerator.getInstance("EC").getProvider().getName()).isEqualTo("SunEC");
        assertThat(KeyAgreement.getInstance("ECDH").getProvider().getName()).isEqualTo("SunEC");
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isNotEqualTo(NativeCryptoProvider.NAME);
    }

    @Test
    void digestsAgreeWithTheJdks() throws Exception {
        byte[] data = new byte[100_000];
        new SecureRandom().nextBytes(data);

        assertThat(MessageDigest.getInstance("SHA-256").digest(data))
                .isEqualTo(MessageDigest.getInstance("SHA-256", "SUN").digest(data));
    }

    @Test
    void tlsPriming_handshakesAndCarriesDataThroughTheNativeCipher() {
        TlsPriming.Result result = TlsPriming.create().run(2, 1 << 20, 64 << 10);

        assertThat(result.handshakes()).isEqualTo(2);
        assertThat(result.bytes()).isEqualTo(2L * ((1 << 20) + (64 << 10)));
        assertThat(result.protocol()).isEqualTo("TLSv1.3");
        assertThat(result.cipherSuite()).matches("TLS_AES_(128_GCM_SHA256|256_GCM_SHA384)");
        assertThat(result.aesGcmProvider()).isEqualTo(NativeCryptoProvider.NAME);
    }
}
