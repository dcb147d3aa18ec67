package io.thumbctl.cli.local;

import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI v2 against local mode: {@code aws s3 cp} (forced into a multipart upload, with the
 * checksums the CLI sends), {@code ls} and {@code rm}. Skipped, saying why, where no AWS CLI v2 is
 * installed ({@code apt-get install awscli} provides one).
 */
class AwsCliTest {

    static final long CLI_TIMEOUT_SECONDS = 60;

    @TempDir
    static Path dir;

    static String aws;
    static LocalPipeline local;
    static RecordingListener function = new RecordingListener();

    @BeforeAll
    static void start() throws Exception {
        Optional<String> cli = findAwsCliV2();
        assumeTrue(cli.isPresent(), "no AWS CLI v2 found (tried /usr/bin/aws and aws on PATH): skipping the AWS CLI test");
        aws = cli.get();
        // Anything over 16 KB goes up as a multipart upload, the way large photos do by default.
        Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\ns3 =\n  multipart_threshold = 16KB\n");
        local = LocalPipeline.start(new LocalOptions(0, dir.resolve("data"), List.of("photos"), Map.of()), function);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.stop();
        }
    }

    @Test
    void cpLsRm_makeListAndRemoveTheThumbnail() throws Exception {
        Path photo = dir.resolve("Holiday Photo.jpg");
        Files.write(photo, TestImages.jpeg(1600, 1200));
        assertThat(Files.size(photo)).isGreaterThan(16 * 1024);

        aws("s3", "cp", photo.toString(), "s3://photos/cli/");
        RecordingListener.Invocation created = function.await("photos", "cli/Holiday Photo.jpg");
        assertThat(created.change().eventName()).isEqualTo(ObjectChange.COMPLETE_MULTIPART_UPLOAD);
        assertThat(created.outcome().outcome()).isEqualTo("created");
        function.await("photos", "thumbnails/cli/Holiday Photo.jpg");

        assertThat(aws("s3", "ls", "s3://photos/thumbnails/cli/")).contains("Holiday Photo.jpg");

        aws("s3", "rm", "s3://photos/cli/Holiday Photo.jpg");
        assertThat(function.await("photos", "cli/Holiday Photo.jpg").outcome().outcome()).isEqualTo("deleted");
        assertThat(aws("s3", "ls", "s3://photos/", "--recursive")).doesNotContain("Holiday Photo.jpg");
    }

    static String aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", local.endpoint().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "any-key");
        env.put("AWS_SECRET_ACCESS_KEY", "any-secret");
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("AWS_PROFILE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("aws %s finished", command).isTrue();
        assertThat(process.exitValue()).as("aws %s: %s", command, output).isZero();
        return output;
    }

    static Optional<String> findAwsCliV2() {
        for (String candidate : List.of("/usr/bin/aws", "aws")) {
            try {
                Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS) && version.startsWith("aws-cli/2")) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed there
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
