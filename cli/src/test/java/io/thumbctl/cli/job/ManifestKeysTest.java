package io.thumbctl.cli.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "photo.jpg|photo.jpg",
            "a b.jpg|a%20b.jpg",
            "a+b.jpg|a%2Bb.jpg",
            "100%.jpg|100%25.jpg",
            "é/ü.png|%C3%A9/%C3%BC.png",
            "a,b.jpg|a%2Cb.jpg",
            "say \"hi\".jpg|say%20%22hi%22.jpg",
            "dir/sub-dir/x_y.z~1.jpg|dir/sub-dir/x_y.z~1.jpg",
            "emoji 📷.jpg|emoji%20%F0%9F%93%B7.jpg",
            "star*(1)!'.jpg|star%2A%281%29%21%27.jpg",
            "~tilde/#hash?q=1&x;y@z:$.jpg|~tilde/%23hash%3Fq%3D1%26x%3By%40z%3A%24.jpg",
            "//double//slash/|//double//slash/",
            "ctrl\u0001.jpg|ctrl%01.jpg"})
    void encode_percentEncodesEveryByteButTheSafeOnes(String key, String encoded) {
        assertThat(ManifestKeys.encode(key)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b+c%d.jpg", "line\nbreak.jpg", "tab\there.png", "日本/写真.jpg", "+.jpg", "%2B.jpg"})
    void encodedKey_readsBackTheSame_underFormAndPlainDecoding(String key) {
        String encoded = ManifestKeys.encode(key);

        assertThat(ManifestKeys.decode(encoded)).isEqualTo(key);
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(encoded).doesNotContain(",", "\"", "\n", "\r", "+", " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100%.jpg", "50%zz.png"})
    void decode_ofSomethingNotEncoded_showsItAsItIs(String raw) {
        assertThat(ManifestKeys.decode(raw)).isEqualTo(raw);
    }
}
