package io.thumbctl.cli.local.jobs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job API's answers, byte for byte as the SDK has parsed them since local mode's jobs began
 * (the files under {@code s3control/} were written by the StAX writer JobXml used before Jackson).
 */
class JobXmlTest {

    static final Instant CREATED = Instant.parse("2026-11-22T10:15:30.123Z");
    static final Instant ENDED = Instant.parse("2026-11-22T10:16:01Z");

    static JobSpec csvSpec() {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("mode", "a&b <c>");
        arguments.put("é", "\"q\"");
        return new JobSpec("123456789012", "token-1", "backfill of photos & more", 10,
                "arn:aws:iam::123456789012:role/r", false, "arn:aws:lambda:us-east-1:123456789012:function:f:live", "2.0",
                arguments, new JobSpec.Report(true, "arn:aws:s3:::reports", "batch/", "Report_CSV_20180820", "AllTasks"),
                new JobSpec.Manifest("S3BatchOperations_CSV_20180820", List.of("Bucket", "Key"),
                        "arn:aws:s3:::photos/manifests/m.csv", "etag1", "v1"), null);
    }

    static JobSpec generatorSpec() {
        return new JobSpec("123456789012", "token-2", null, 0, "arn:aws:iam::123456789012:role/r", true,
                "arn:aws:lambda:us-east-1:123456789012:function:f", "1.0", Map.of(),
                new JobSpec.Report(false, null, null, null, null), null,
                new JobSpec.Generator("arn:aws:s3:::photos", "123456789012", true, "arn:aws:s3:::reports", "gen",
                        "S3InventoryReport_CSV_20211130", "cam/", ".jpg", null));
    }

    static LocalJob.View complete() {
        return new LocalJob.View("job-1", csvSpec(), LocalJob.Status.FAILED, CREATED, ENDED, 3, 1, 2, 31L,
                List.of(new LocalJob.Failure("TaskFailureRateExceeded", "more than half <failed> & stopped")));
    }

    static LocalJob.View suspended() {
        return new LocalJob.View("job-2", generatorSpec(), LocalJob.Status.SUSPENDED, CREATED, null, 0, 0, 0, null,
                List.of());
    }

    static byte[] answer(String name) {
        return switch (name) {
            case "created" -> JobXml.created("job-1");
            case "described-csv" -> JobXml.described(complete(), "us-east-1");
            case "described-generator" -> JobXml.described(suspended(), "eu-west-1");
            case "listed" -> JobXml.listed(List.of(complete(), suspended()), "2");
            case "listed-empty" -> JobXml.listed(List.of(), null);
            case "error" -> JobXml.error("InvalidRequest", "Priority must be a number, got 'x' & <y>", "req-1");
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"created", "described-csv", "described-generator", "listed", "listed-empty", "error"})
    void answer_isByteForByteWhatTheSdkParses(String name) throws IOException {
        byte[] expected;
        try (InputStream in = JobXmlTest.class.getResourceAsStream("/s3control/" + name + ".xml")) {
            if (in == null && Boolean.getBoolean("golden.write")) {
                Files.write(Path.of("src/test/resources/s3control/" + name + ".xml"), answer(name));
                return;
            }
            expected = in.readAllBytes();
        }

        assertThat(new String(answer(name), StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }
}
