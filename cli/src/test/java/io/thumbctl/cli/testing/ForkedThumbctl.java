package io.thumbctl.cli.testing;

import io.thumbctl.testing.S3TestServer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs thumbctl in a JVM of its own, with the given heap limit, against a test server. */
public final class ForkedThumbctl {

    public record Result(int exit, String out, String err, long peakHeapBytes, long peakLiveHeapBytes) {
    }

    private ForkedThumbctl() {
    }

    private static long figure(String stderr, String name) {
        return stderr.lines().filter(l -> l.startsWith(name))
                .mapToLong(l -> Long.parseLong(l.substring(name.length()))).findFirst().orElse(-1);
    }

    public static Result run(String maxHeap, S3TestServer server, String... args) {
        return run(maxHeap, server, Map.of(), args);
    }

    /** @param environment more environment variables for the JVM, as a user's shell would set them */
    public static Result run(String maxHeap, S3TestServer server, Map<String, String> environment, String... args) {
        try {
            Path out = Files.createTempFile("thumbctl-out", ".txt");
            Path err = Files.createTempFile("thumbctl-err", ".txt");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"),
                    MeasuredMain.class.getName(),
                    "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
            env.putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("thumbctl " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            return new Result(process.exitValue(), stdout, stderr, figure(stderr, MeasuredMain.PEAK_HEAP),
                    figure(stderr, MeasuredMain.PEAK_LIVE));
        } catch (IOException e) {
            throw new IllegalStateException("could not start a JVM (" + File.pathSeparator + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
