package io.thumbctl.cli.job;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class JobDefinitionTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    static JobDefinition csv(String prefix, String etag) {
        return new JobDefinition("123456789012", "aws", "photos", prefix,
                "arn:aws:lambda:us-east-1:123456789012:function:thumbctl:live",
                "arn:aws:iam::123456789012:role/batch", new S3Location("photos", "thumbctl-batch-operations/reports"),
                ReportScope.FAILED, 10, ManifestMode.CSV,
                new JobDefinition.ManifestObject("photos", "thumbctl-batch-operations/manifests/photos-1.csv", etag),
                new S3Location("photos", "thumbctl-batch-operations/manifests"));
    }

    @Test
    void sameBackfillSameDay_sameToken() {
        assertThat(csv("", "e1").clientRequestToken(DAY)).isEqualTo(csv("", "e1").clientRequestToken(DAY));
    }

    @Test
    void tokenFitsS3sLimit() {
        assertThat(csv("a".repeat(1000), "e1").clientRequestToken(DAY)).hasSizeLessThanOrEqualTo(64)
                .matches("thumbctl-[0-9a-f]{40}");
    }

    @Test
    void nextDay_otherListing_otherPrefix_otherToken() {
        String token = csv("", "e1").clientRequestToken(DAY);

        assertThat(csv("", "e1").clientRequestToken(DAY.plusDays(1))).isNotEqualTo(token);
        assertThat(csv("", "e2").clientRequestToken(DAY)).isNotEqualTo(token);
        assertThat(csv("2026/", "e1").clientRequestToken(DAY)).isNotEqualTo(token);
    }

    @Test
    void description_namesTheBucketAndMode_withinAwsLimit() {
        assertThat(csv("cam/", "e").description()).isEqualTo("thumbctl backfill of s3://photos/cam/ (csv manifest)");
        assertThat(csv("x".repeat(400), "e").description()).hasSize(256);
    }
}
