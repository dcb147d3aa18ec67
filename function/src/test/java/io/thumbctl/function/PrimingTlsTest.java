package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.thumbctl.crypto.NativeCrypto;
import io.thumbctl.crypto.TlsPriming;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SnapStart priming runs TLS, on the native ciphers, so the snapshot holds a warm TLS path. */
class PrimingTlsTest {

    @Test
    void priming_runsTlsConnectionsThroughTheNativeCiphers() {
        assertThat(NativeCrypto.install().active()).isTrue();
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("aws.region", "us-east-1", "aws.services.s3.endpoint-override", "https://127.0.0.1:9",
                        "aws.access-key-id", "priming", "aws.secret-key", "priming"))
                .start()) {
            TlsPriming.Result tls = new SnapStartPriming(context).prime().tls();

            assertThat(tls.handshakes()).isEqualTo(SnapStartPriming.TLS_CONNECTIONS);
            assertThat(tls.bytes()).isEqualTo((long) SnapStartPriming.TLS_CONNECTIONS
                    * (SnapStartPriming.TLS_DOWNLOAD + SnapStartPriming.TLS_UPLOAD));
            assertThat(tls.protocol()).isEqualTo("TLSv1.3");
            assertThat(tls.aesGcmProvider()).isEqualTo("ThumbctlNativeCrypto");
        }
    }
}
