package io.thumbctl.testing;

import io.thumbctl.testing.S3FaultRelay.Fault;
import io.thumbctl.testing.S3FaultRelay.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay passes traffic through unchanged and injects each fault for its key only. */
class S3FaultRelayTest {

    static S3TestServer s3;
    static S3FaultRelay relay;
    static S3Client client;

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket("relayed");
        relay = S3FaultRelay.inFrontOf(s3.endpoint());
        client = S3TestServer.clientFor(relay.endpoint());
    }

    @AfterEach
    void clear() {
        relay.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        relay.close();
        s3.close();
    }

    private static String get(String key) {
        return client.getObjectAsBytes(r -> r.bucket("relayed").key(key)).asString(StandardCharsets.UTF_8);
    }

    private static String getWithin(String key, Duration timeout) {
        return client.getObjectAsBytes(r -> r.bucket("relayed").key(key)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))).asString(StandardCharsets.UTF_8);
    }

    private static void put(String key, String content) {
        client.putObject(r -> r.bucket("relayed").key(key), RequestBody.fromString(content));
    }

    @Test
    void withoutFaults_requestsPassThroughAndAreRecorded() {
        put("a b+c%.txt", "hello");

        assertThat(get("a b+c%.txt")).isEqualTo("hello");
        assertThat(relay.requests("relayed", "a b+c%.txt")).extracting(S3FaultRelay.Request::method)
                .containsExactly("PUT", "GET");
    }

    @Test
    void throttle_appliesToItsKeyOnly() {
        put("slow.txt", "x");
        put("fine.txt", "y");
        relay.inject("relayed", "slow.txt", Fault.throttle());

        assertThatThrownBy(() -> get("slow.txt")).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(503));
        assertThat(get("fine.txt")).isEqualTo("y");
    }

    @Test
    void faultLimitedToOneMethodAndCount_thenPassesAgain() {
        put("once.txt", "z");
        relay.inject("relayed", "once.txt", Fault.of(Kind.DENY).onMethod("GET").times(1));

        assertThatThrownBy(() -> get("once.txt")).isInstanceOf(S3Exception.class);
        assertThat(get("once.txt")).isEqualTo("z");
    }

    @Test
    void reset_andShortBody_areClientErrors() {
        put("reset.txt", "r");
        put("short.txt", "a longer body that will be cut in half");
        relay.inject("relayed", "reset.txt", Fault.of(Kind.RESET));
        relay.inject("relayed", "short.txt", Fault.of(Kind.SHORT_BODY));

        assertThatThrownBy(() -> get("reset.txt")).isInstanceOf(SdkClientException.class);
        assertThatThrownBy(() -> get("short.txt")).isInstanceOf(SdkClientException.class);
    }

    @Test
    void hang_andTrickle_areCutByTheCallTimeout() {
        put("hang.txt", "h");
        put("trickle.txt", "t".repeat(4096));
        relay.inject("relayed", "hang.txt", Fault.of(Kind.HANG));
        relay.inject("relayed", "trickle.txt", Fault.of(Kind.TRICKLE));

        assertThatThrownBy(() -> getWithin("hang.txt", Duration.ofSeconds(2))).isInstanceOf(ApiCallTimeoutException.class);
        assertThatThrownBy(() -> getWithin("trickle.txt", Duration.ofSeconds(2)))
                .isInstanceOf(ApiCallTimeoutException.class);
    }

    @Test
    void hold_keepsTheRequestUntilReleased() throws Exception {
        S3FaultRelay.Hold hold = relay.hold("relayed", "held.txt", "PUT");
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> put("held.txt", "late"));

        hold.awaitArrived();
        assertThat(s3.head("relayed", "held.txt")).isEmpty();
        hold.release();
        write.get();

        assertThat(get("held.txt")).isEqualTo("late");
    }
}
