package io.thumbctl.cli.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.thumbctl.cli.ThumbctlCommand;
import io.thumbctl.testing.S3TestServer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs thumbctl as a user would, through picocli's {@code execute()}, in a fresh Micronaut
 * context per run (as {@code main} does), with stdout and stderr captured. Credentials come from
 * properties, standing in for the SDK's default chain; endpoint and region are given as flags by
 * each test.
 */
public final class Thumbctl {

    public record Run(int exit, String out, String err) {

        /** The one JSON document {@code --output json} prints. */
        public Map<String, Object> json() {
            try {
                return ObjectMapper.getDefault().readValue(out, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not one JSON document:\n" + out, e);
            }
        }
    }

    private Thumbctl() {
    }

    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** @param properties extra configuration, as the function's environment variables would give */
    public static Run run(Map<String, Object> properties, String... args) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("aws.access-key-id", S3TestServer.ACCESS_KEY);
        props.put("aws.secret-key", S3TestServer.SECRET_KEY);
        return runConfigured(props, args);
    }

    /** With only {@code properties}: no credentials are given, as on a machine without any. */
    public static Run runWithoutCredentials(Map<String, Object> properties, String... args) {
        return runConfigured(properties, args);
    }

    private static Run runConfigured(Map<String, Object> props, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (ApplicationContext context = ApplicationContext.builder(ThumbctlCommand.class, Environment.CLI)
                .deduceEnvironment(false)
                .properties(props)
                .start()) {
            CommandLine cmd = ThumbctlCommand.commandLine(context);
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            int exit = cmd.execute(args);
            return new Run(exit, out.toString(), err.toString());
        }
    }

    /** {@code --endpoint-url URL --region us-east-1} for a test server, to put before the command. */
    public static String[] at(S3TestServer server, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--endpoint-url";
        all[1] = server.endpoint().toString();
        all[2] = "--region";
        all[3] = "us-east-1";
        System.arraycopy(args, 0, all, 4, args.length);
        return all;
    }
}
