package io.thumbctl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The function started as the Lambda runtime starts it ({@code io.thumbctl.function.HandlerOnce}),
 * in a JVM of its own pointed at a test server, invoked once on an event file: for what is
 * JVM-wide (the heap's limit, the JIT, the JCA's providers, {@code java.security.debug}).
 */
public final class ForkedFunction {

    /** The JVM's exit value, standard output (the answer and the function's log lines) and error. */
    public record Result(int exit, String stdout, List<String> stderr) {

        /** Standard output and error, for an assertion's description. */
        public String output() {
            return stdout + String.join("\n", stderr);
        }
    }

    private ForkedFunction() {
    }

    /**
     * @param flags       JVM flags, before the main class
     * @param environment more environment variables, as a function's configuration sets them
     */
    public static Result run(S3TestServer server, Path event, List<String> flags, Map<String, String> environment,
                             Duration limit) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("thumbctl-forked");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(flags);
        if ("https".equals(server.endpoint().getScheme())) {
            command.addAll(TestTls.shared().trustStoreFlags());
        }
        command.addAll(List.of("io.thumbctl.function.HandlerOnce", event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_SERVICES_S3_ENDPOINT_OVERRIDE", server.endpoint().toString());
        env.put("AWS_S3_PATH_STYLE_ACCESS_ENABLED", "true");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        env.putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the function did not end within " + limit + ": "
                    + Files.readString(dir.resolve("out.txt")));
        }
        Result result = new Result(process.exitValue(), Files.readString(dir.resolve("out.txt")),
                Files.readAllLines(dir.resolve("err.txt")));
        Files.delete(dir.resolve("out.txt"));
        Files.delete(dir.resolve("err.txt"));
        Files.delete(dir);
        return result;
    }
}
