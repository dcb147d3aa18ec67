package io.thumbctl.cli.aws;

import com.sun.net.httpserver.HttpServer;
import io.thumbctl.cli.ExitCodes;
import io.thumbctl.cli.ThumbctlCommand;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --profile} with an AWS IAM Identity Center (SSO) profile, as a user has it after
 * {@code aws sso login}: thumbctl, run as its own process with that home directory, trades the
 * cached token for role credentials at the SSO portal (a stand-in for that one call) and signs
 * its S3 requests with them.
 */
class SsoProfileTest {

    static final String START_URL = "https://thumbctl-test.awsapps.com/start";

    @TempDir
    static Path home;

    static S3TestServer s3;
    static HttpServer portal;
    static final List<String> tokensSeen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3TestServer.start();
        s3.createBucket("sso-bucket");
        portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        portal.createContext("/federation/credentials", exchange -> {
            tokensSeen.add(exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token"));
            byte[] body = ("{\"roleCredentials\":{\"accessKeyId\":\"sso-key\",\"secretAccessKey\":\"sso-secret\","
                    + "\"sessionToken\":\"sso-session\",\"expiration\":4102444800000}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        portal.start();
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile developer]\nsso_start_url = " + START_URL
                + "\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Developer\n"
                + "region = us-east-1\n");
        // What `aws sso login` leaves behind: the token, in a file named after the start URL.
        String cacheName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(START_URL.getBytes(StandardCharsets.UTF_8))) + ".json";
        Files.writeString(Files.createDirectories(aws.resolve("sso/cache")).resolve(cacheName),
                "{\"accessToken\":\"cached-token\",\"expiresAt\":\"2099-01-01T00:00:00Z\",\"region\":\"us-east-1\","
                        + "\"startUrl\":\"" + START_URL + "\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        portal.stop(0);
        s3.close();
    }

    @Test
    void ssoProfile_credentialsComeFromThePortal_andTheCommandRuns() throws Exception {
        ProcessBuilder thumbctl = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ThumbctlCommand.class.getName(),
                "--profile", "developer", "--endpoint-url", s3.endpoint().toString(), "verify", "--bucket", "sso-bucket")
                .redirectErrorStream(true);
        // A fresh environment: no credentials of this machine's leak into the child.
        Map<String, String> env = thumbctl.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:" + portal.getAddress().getPort());
        Process process = thumbctl.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.OK);
        assertThat(output).contains("all well");
        assertThat(tokensSeen).containsExactly("cached-token");
    }
}
