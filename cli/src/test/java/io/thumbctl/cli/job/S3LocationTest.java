package io.thumbctl.cli.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3LocationTest {

    @Test
    void parse_keepsThePrefixWithoutTrailingSlash() {
        S3Location location = S3Location.parse("s3://photos/thumbctl-batch-operations/");

        assertThat(location.bucket()).isEqualTo("photos");
        assertThat(location.prefix()).isEqualTo("thumbctl-batch-operations");
        assertThat(location).hasToString("s3://photos/thumbctl-batch-operations/");
    }

    @Test
    void bucketOnly_hasAnEmptyPrefix() {
        S3Location location = S3Location.parse("s3://photos");

        assertThat(location.prefix()).isEmpty();
        assertThat(location.key("job-1/manifest.json")).isEqualTo("job-1/manifest.json");
        assertThat(location.child("reports")).isEqualTo(new S3Location("photos", "reports"));
    }

    @Test
    void childParentAndKey_walkTheFolders() {
        S3Location reports = S3Location.parse("s3://ops/thumbnails/reports");

        assertThat(reports.parent()).isEqualTo(new S3Location("ops", "thumbnails"));
        assertThat(reports.parent().child("manifests").key("m.csv")).isEqualTo("thumbnails/manifests/m.csv");
        assertThat(new S3Location("ops", "reports").parent()).isEqualTo(new S3Location("ops", ""));
        assertThat(reports.bucketArn("aws-cn")).isEqualTo("arn:aws-cn:s3:::ops");
    }

    @ParameterizedTest
    @ValueSource(strings = {"photos/reports", "s3://", "s3:///reports", "https://photos.s3.amazonaws.com/x"})
    void notAnS3Uri_isRefusedWithTheFormToUse(String uri) {
        assertThatThrownBy(() -> S3Location.parse(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://BUCKET/PREFIX");
    }
}
