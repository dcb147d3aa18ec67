package io.thumbctl.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link S3Client} whose HTTP layer is an in-memory stand-in: every request goes through
 * the SDK's whole pipeline (endpoint rules, signing, checksums, marshalling, error mapping) and
 * stops at a small S3 in this process, which answers as S3 would. Nothing leaves the process, no
 * credentials are looked up and no connection is opened.
 *
 * <p>For SnapStart priming: running the real code path against it before the snapshot loads and
 * compiles what the first invocation needs, without writing to S3 or capturing credentials or
 * sockets in the snapshot. It holds the objects it is given ({@link #put}) and those written
 * through it; HEAD, GET (ranges too), PUT and DELETE behave as on S3, conditional PUTs included
 * (412 when {@code If-None-Match: *} or {@code If-Match} do not hold).
 */
public final class OfflineS3 implements AutoCloseable {

    private record Stored(byte[] content, String etag, String contentType, Map<String, String> metadata) {
    }

    private final StubHttp http = new StubHttp();
    private final S3Client client;

    private OfflineS3() {
        this.client = S3Client.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                // Fixed dummy keys: the request is signed as for real, but the default provider
                // chain (which would read the function's real credentials) is never consulted.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("offline", "offline")))
                .build();
    }

    /** A stand-in S3 holding nothing yet. */
    public static OfflineS3 empty() {
        return new OfflineS3();
    }

    /** Places an object in the stand-in, as if it had been uploaded. */
    public OfflineS3 put(String bucket, String key, byte[] content, Map<String, String> metadata) {
        http.objects.put(bucket + "/" + key, new Stored(content, StubHttp.etagOf(content), "image/jpeg",
                Map.copyOf(metadata)));
        return this;
    }

    /** Takes an object out of the stand-in, as if it had been deleted. */
    public OfflineS3 remove(String bucket, String key) {
        http.objects.remove(bucket + "/" + key);
        return this;
    }

    /** The store the function uses, over the stand-in. */
    public ObjectStore store() {
        return new S3ObjectStore(() -> client);
    }

    /** The requests the stand-in answered, as {@code METHOD /path}, in order. */
    public List<String> requests() {
        return List.copyOf(http.seen);
    }

    @Override
    public void close() {
        client.close();
    }

    private static final class StubHttp implements SdkHttpClient {
        private static final String DATE = "Sun, 22 Nov 2026 00:00:00 GMT";
        private static final String META = "x-amz-meta-";

        private final Map<String, Stored> objects = new ConcurrentHashMap<>();
        private final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    return answer(request);
                }

                @Override
                public void abort() {
                    // nothing in flight
                }
            };
        }

        private HttpExecuteResponse answer(HttpExecuteRequest request) throws IOException {
            SdkHttpRequest http = request.httpRequest();
            seen.add(http.method() + " " + http.encodedPath());
            String path = bucketAndKey(http);
            byte[] body = new byte[0];
            if (request.contentStreamProvider().isPresent()) {
                // Read the body as a server would, so the SDK's streaming and checksum code runs.
                try (InputStream in = request.contentStreamProvider().get().newStream()) {
                    body = in.readAllBytes();
                }
            }
            Stored current = objects.get(path);
            SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder()
                    .putHeader("x-amz-request-id", "offline")
                    .putHeader("Date", DATE);
            byte[] answer = new byte[0];
            switch (http.method()) {
                case HEAD -> {
                    if (current == null) {
                        response.statusCode(404);
                    } else {
                        describe(response.statusCode(200), current, current.content().length);
                    }
                }
                case GET -> {
                    if (current == null) {
                        response.statusCode(404);
                        answer = error("NoSuchKey");
                    } else {
                        answer = read(response, current, http.firstMatchingHeader("Range").orElse(null));
                    }
                }
                case PUT -> {
                    if (!holds(http, current)) {
                        response.statusCode(412);
                        answer = error("PreconditionFailed");
                    } else {
                        byte[] content = decoded(body, http);
                        Stored written = new Stored(content, etagOf(content),
                                http.firstMatchingHeader("Content-Type").orElse("application/octet-stream"), metadata(http));
                        objects.put(path, written);
                        response.statusCode(200).putHeader("ETag", "\"" + written.etag() + "\"");
                    }
                }
                case DELETE -> {
                    objects.remove(path);
                    response.statusCode(204);
                }
                default -> response.statusCode(405);
            }
            if (http.method() != SdkHttpMethod.HEAD) {
                response.putHeader("Content-Length", Integer.toString(answer.length));
            }
            return HttpExecuteResponse.builder()
                    .response(response.build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                    .build();
        }

        /** {@code bucket/key}, from a virtual-hosted ({@code bucket.s3.region.amazonaws.com/key}) or path-style request. */
        private static String bucketAndKey(SdkHttpRequest http) {
            String path = URLDecoder.decode(http.encodedPath().replace("+", "%2B"), StandardCharsets.UTF_8).substring(1);
            int s3 = http.host().indexOf(".s3.");
            return s3 > 0 ? http.host().substring(0, s3) + "/" + path : path;
        }

        private static void describe(SdkHttpFullResponse.Builder response, Stored object, long length) {
            response.putHeader("ETag", "\"" + object.etag() + "\"")
                    .putHeader("Content-Type", object.contentType())
                    .putHeader("Last-Modified", DATE)
                    .putHeader("Content-Length", Long.toString(length));
            object.metadata().forEach((name, value) -> response.putHeader(META + name, value));
        }

        private static byte[] read(SdkHttpFullResponse.Builder response, Stored object, String range) {
            byte[] content = object.content();
            if (range == null || !range.startsWith("bytes=")) {
                describe(response.statusCode(200), object, content.length);
                return content;
            }
            String[] bounds = range.substring("bytes=".length()).split("-");
            int first = Integer.parseInt(bounds[0]);
            int last = Math.min(content.length - 1, Integer.parseInt(bounds[1]));
            describe(response.statusCode(206), object, last - first + 1L);
            response.putHeader("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
            return Arrays.copyOfRange(content, first, last + 1);
        }

        /** Whether a PUT's conditions hold for what the key holds now. */
        private static boolean holds(SdkHttpRequest http, Stored current) {
            Optional<String> ifNoneMatch = http.firstMatchingHeader("If-None-Match");
            Optional<String> ifMatch = http.firstMatchingHeader("If-Match");
            if (ifNoneMatch.isPresent() && current != null) {
                return false;
            }
            return ifMatch.isEmpty() || (current != null && ifMatch.get().replace("\"", "").equals(current.etag()));
        }

        private static Map<String, String> metadata(SdkHttpRequest http) {
            Map<String, String> metadata = new HashMap<>();
            http.headers().forEach((name, values) -> {
                if (name.toLowerCase(Locale.ROOT).startsWith(META)) {
                    metadata.put(name.substring(META.length()).toLowerCase(Locale.ROOT), values.get(0));
                }
            });
            return metadata;
        }

        /**
         * The object's bytes: the SDK sends PUT bodies as {@code aws-chunked} with a checksum
         * trailer; S3 stores what is inside the chunks. Kept rather than switching chunked encoding
         * and checksums off for this client: the function's own client sends every PUT that way
         * (the SDK's default checksum calculation), and priming is there to run that exact path.
         */
        private static byte[] decoded(byte[] body, SdkHttpRequest http) {
            if (!http.firstMatchingHeader("Content-Encoding").orElse("").contains("aws-chunked")) {
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < body.length) {
                int lineEnd = indexOfCrLf(body, at);
                String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    break;
                }
                out.write(body, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOfCrLf(byte[] b, int from) {
            for (int i = from; i + 1 < b.length; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n') {
                    return i;
                }
            }
            return b.length;
        }

        private static byte[] error(String code) {
            return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                    + "</Message><RequestId>offline</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        }

        static String etagOf(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String clientName() {
            return "offline";
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
