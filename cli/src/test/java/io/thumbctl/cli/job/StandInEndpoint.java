package io.thumbctl.cli.job;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in HTTP endpoint for refusals: it answers HEAD of a bucket with the given status (S3's
 * HeadBucket, which thumbctl asks with the expected owner) and CreateJob with the given status and
 * S3 Control error, and records every request line.
 */
final class StandInEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    StandInEndpoint(int headBucketStatus, int createJobStatus, String errorCode, String errorMessage) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(headBucketStatus, -1);
            } else if ("POST".equals(exchange.getRequestMethod())
                    && exchange.getRequestURI().getPath().equals("/v20180820/jobs")) {
                byte[] body = ("<ErrorResponse><Error><Code>" + errorCode + "</Code><Message>" + errorMessage
                        + "</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(createJobStatus, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(501, -1);
            }
            exchange.close();
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
