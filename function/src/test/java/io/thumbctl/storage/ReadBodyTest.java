package io.thumbctl.storage;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A GET's body is read into one array of the announced length, and a body that ends early is an error. */
class ReadBodyTest {

    @Test
    void bodyOfTheAnnouncedLength_isReadWhole() throws IOException {
        byte[] body = new byte[100_000];
        body[99_999] = 7;

        byte[] read = S3ObjectStore.readBody(new ByteArrayInputStream(body), 100_000L);

        assertThat(read).hasSize(100_000).isEqualTo(body);
    }

    @Test
    void bodyEndingBeforeItsLength_isAnError_neverAShortImage() {
        assertThatThrownBy(() -> S3ObjectStore.readBody(new ByteArrayInputStream(new byte[600]), 1000L))
                .isInstanceOf(IOException.class).hasMessageContaining("after 600 of 1000 bytes");
    }

    @Test
    void bodyWithoutALength_isReadToItsEnd() throws IOException {
        assertThat(S3ObjectStore.readBody(new ByteArrayInputStream(new byte[1234]), null)).hasSize(1234);
    }
}
