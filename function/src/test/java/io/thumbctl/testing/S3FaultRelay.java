package io.thumbctl.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP relay in front of an S3-compatible server that injects faults per object, so tests can
 * see what the product does when S3 throttles, resets, refuses, never answers or trickles for one
 * key while the others are fine.
 *
 * <p>Requests and responses are relayed byte for byte (the {@code Host} header included, so
 * signatures still verify upstream), one upstream connection per client connection. Path-style
 * addressing only ({@code /bucket/key}), which is how the tests' clients are configured.
 *
 * <p>Faults are matched on the decoded bucket and key and, optionally, the HTTP method. Every
 * request is recorded ({@link #requests()}), with its headers, so tests can assert what the
 * product asked for (conditional headers, ranges).
 */
public final class S3FaultRelay implements AutoCloseable {

    /** What to do with a matching request. */
    public enum Kind {
        /** {@code 503 SlowDown}, as S3 answers when throttling. */
        THROTTLE(503, "Slow Down", "SlowDown"),
        /** {@code 500 InternalError}. */
        SERVER_ERROR(500, "Internal Server Error", "InternalError"),
        /** {@code 403 AccessDenied}. */
        DENY(403, "Forbidden", "AccessDenied"),
        /** {@code 400 RequestTimeout}: S3 found the connection idle too long (worth a retry, S3 says). */
        REQUEST_TIMEOUT(400, "Bad Request", "RequestTimeout"),
        /** {@code 400 ExpiredToken}: the temporary credentials expired (the next call signs with fresh ones). */
        EXPIRED_TOKEN(400, "Bad Request", "ExpiredToken"),
        /** {@code 409 OperationAborted}: a conflicting operation on the resource is in progress ("Try again"). */
        OPERATION_ABORTED(409, "Conflict", "OperationAborted"),
        /** Reads the request, then resets the connection (TCP RST) without answering. */
        RESET,
        /** Relays the request, then sends the response head and only half its body, and closes. */
        SHORT_BODY,
        /** Reads the request and never answers (until the relay closes). */
        HANG,
        /** Relays the request, then sends the response body a few bytes at a time, slowly. */
        TRICKLE,
        /** Waits until {@link Hold#release()} is called, then relays normally. */
        HOLD;

        private final int status;
        private final String statusText;
        private final String errorCode;

        Kind() {
            this(0, null, null);
        }

        Kind(int status, String statusText, String errorCode) {
            this.status = status;
            this.statusText = statusText;
            this.errorCode = errorCode;
        }

        /** Whether the relay answers with an S3 error of its own (status and XML body) instead of relaying. */
        public boolean isErrorAnswer() {
            return errorCode != null;
        }

        /** The S3 error code answered, for the error kinds; {@code null} for the others. */
        public String errorCode() {
            return errorCode;
        }
    }

    /**
     * A fault to inject.
     *
     * @param method HTTP method it applies to ({@code GET}, {@code PUT}, ...), or {@code null} for all
     * @param times  how many matching requests it applies to; negative for all of them
     */
    public record Fault(Kind kind, String method, int times) {

        public static Fault of(Kind kind) {
            return new Fault(kind, null, -1);
        }

        public static Fault throttle() {
            return of(Kind.THROTTLE);
        }

        public Fault onMethod(String httpMethod) {
            return new Fault(kind, httpMethod.toUpperCase(Locale.ROOT), times);
        }

        public Fault times(int n) {
            return new Fault(kind, method, n);
        }
    }

    /** A request as it reached the relay. Header names are lower-case. */
    public record Request(String method, String bucket, String key, String query, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request held by a {@link Kind#HOLD} fault, until the test lets it go. */
    public static final class Hold {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Blocks until the held request has reached the relay (bounded, so a broken test ends). */
        public void awaitArrived() throws InterruptedException {
            if (!arrived.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the held request never reached the relay");
            }
        }

        public boolean hasArrived() {
            return arrived.getCount() == 0;
        }

        /** Lets the held request go on to the server. */
        public void release() {
            released.countDown();
        }
    }

    /** Holds every request of one method to one bucket, whatever its key, until opened. */
    public static final class Gate {
        private final String bucket;
        private final String method;
        private final AtomicInteger waiting = new AtomicInteger();
        private final CountDownLatch open = new CountDownLatch(1);

        private Gate(String bucket, String method) {
            this.bucket = bucket;
            this.method = method;
        }

        boolean holds(Request r) {
            return open.getCount() > 0 && bucket.equals(r.bucket()) && method.equals(r.method());
        }

        void pass() throws InterruptedException {
            waiting.incrementAndGet();
            try {
                open.await();
            } finally {
                waiting.decrementAndGet();
            }
        }

        /** How many requests are held now. */
        public int waiting() {
            return waiting.get();
        }

        public void open() {
            open.countDown();
        }
    }

    private record Rule(String bucket, String key, Fault fault, Predicate<Request> also, Hold hold, int[] remaining) {
        boolean matches(Request r) {
            return bucket.equals(r.bucket()) && key.equals(r.key())
                    && (fault.method() == null || fault.method().equals(r.method())) && also.test(r);
        }
    }

    private static final int TRICKLE_BYTES = 16;
    private static final long TRICKLE_PAUSE_MILLIS = 250;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);

    private S3FaultRelay(URI target) throws IOException {
        this.upstream = new InetSocketAddress(target.getHost(), target.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "s3-fault-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a relay on 127.0.0.1 (ephemeral port) in front of {@code target}. */
    public static S3FaultRelay inFrontOf(URI target) {
        try {
            return new S3FaultRelay(target);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the relay", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Micronaut properties that point the SDK's S3Client bean at this relay. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("aws.services.s3.endpoint-override", endpoint().toString());
        props.put("aws.s3.path-style-access-enabled", "true");
        props.put("aws.region", "us-east-1");
        props.put("aws.access-key-id", S3TestServer.ACCESS_KEY);
        props.put("aws.secret-key", S3TestServer.SECRET_KEY);
        return props;
    }

    /** Injects a fault for one object (decoded key); faults added earlier are matched first. */
    public void inject(String bucket, String key, Fault fault) {
        rules.add(new Rule(bucket, key, fault, r -> true, new Hold(), new int[]{fault.times()}));
    }

    /** Holds the next matching request (of {@code method}, or any when {@code null}) until released. */
    public Hold hold(String bucket, String key, String method) {
        return holdWhere(bucket, key, method, r -> true);
    }

    /** Holds the next request for the object that is of {@code method} and passes {@code which}. */
    public Hold holdWhere(String bucket, String key, String method, Predicate<Request> which) {
        Fault fault = new Fault(Kind.HOLD, method == null ? null : method.toUpperCase(Locale.ROOT), 1);
        Rule rule = new Rule(bucket, key, fault, which, new Hold(), new int[]{1});
        rules.add(rule);
        return rule.hold();
    }

    /** Holds every {@code method} request to {@code bucket}, any key, until the gate is opened. */
    public Gate gate(String bucket, String method) {
        Gate gate = new Gate(bucket, method.toUpperCase(Locale.ROOT));
        gates.add(gate);
        return gate;
    }

    /** Removes every fault and gate; requests held or hanging now are let go. */
    public void clear() {
        List<Rule> old = new ArrayList<>(rules);
        rules.clear();
        old.forEach(r -> r.hold().release());
        gates.forEach(Gate::open);
        gates.clear();
    }

    /** Every request that reached the relay, in order of arrival. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests for one object (decoded key). */
    public List<Request> requests(String bucket, String key) {
        return requests.stream().filter(r -> bucket.equals(r.bucket()) && key.equals(r.key())).toList();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        rules.forEach(r -> r.hold().release());
        gates.forEach(Gate::open);
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void accept() {
        while (!closed.get()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "s3-fault-relay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        Socket up = null;
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (!closed.get()) {
                HttpMessage request = HttpMessage.read(in, out, false, null);
                if (request == null) {
                    return;
                }
                Request seen = describe(request);
                requests.add(seen);
                for (Gate gate : gates) {
                    if (gate.holds(seen)) {
                        gate.pass();
                    }
                }
                Rule rule = take(seen);
                Kind kind = rule == null ? null : rule.fault().kind();
                if (kind == Kind.HOLD) {
                    rule.hold().arrived.countDown();
                    rule.hold().released.await();
                    kind = null;
                }
                if (kind != null && kind.isErrorAnswer()) {
                    writeError(out, seen.method(), kind);
                    continue;
                }
                if (kind == Kind.RESET) {
                    client.setSoLinger(true, 0);
                    return;
                }
                if (kind == Kind.HANG) {
                    closing.await();
                    return;
                }
                if (up == null) {
                    up = new Socket();
                    up.connect(upstream, 5_000);
                    open.add(up);
                }
                request.writeTo(up.getOutputStream());
                HttpMessage response;
                do { // an interim "100 Continue" of the server's is not relayed: the client has had ours
                    response = HttpMessage.read(up.getInputStream(), null, true, seen.method());
                } while (response != null && response.isInterim());
                if (response == null) {
                    return;
                }
                if (kind == Kind.SHORT_BODY) {
                    response.writeTruncated(out);
                    return;
                }
                if (kind == Kind.TRICKLE) {
                    response.writeSlowly(out, TRICKLE_BYTES, TRICKLE_PAUSE_MILLIS, closing);
                    return;
                }
                response.writeTo(out);
                if (request.wantsClose() || response.wantsClose()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client or the server went away: nothing to relay any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (up != null) {
                closeQuietly(up);
                open.remove(up);
            }
            open.remove(client);
        }
    }

    private synchronized Rule take(Request r) {
        for (Rule rule : rules) {
            if (rule.matches(r) && rule.remaining()[0] != 0) {
                if (rule.remaining()[0] > 0) {
                    rule.remaining()[0]--;
                }
                return rule;
            }
        }
        return null;
    }

    private static Request describe(HttpMessage m) {
        String[] parts = m.startLine.split(" ");
        String method = parts[0].toUpperCase(Locale.ROOT);
        String target = parts.length > 1 ? parts[1] : "/";
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String bucket = "";
        String key = "";
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            bucket = decodePath(trimmed);
        } else {
            bucket = decodePath(trimmed.substring(0, slash));
            key = decodePath(trimmed.substring(slash + 1));
        }
        return new Request(method, bucket, key, query, Map.copyOf(m.headers));
    }

    /** Path segments are percent-encoded; unlike form encoding, {@code +} stays a plus. */
    private static String decodePath(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void writeError(OutputStream out, String method, Kind kind) throws IOException {
        int status = kind.status;
        String code = kind.errorCode;
        String reason = kind.statusText;
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + code + " (injected by the test relay)</Message><RequestId>RELAY</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(method);
        String headers = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-amz-request-id: RELAY\r\n\r\n";
        out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(body);
        }
        out.flush();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** One HTTP/1.1 message, read whole: start line, headers (raw and by lower-case name), body. */
    private static final class HttpMessage {
        final String startLine;
        final byte[] head;
        final Map<String, String> headers;
        final byte[] body;
        final boolean bodyIsChunked;

        private HttpMessage(String startLine, byte[] head, Map<String, String> headers, byte[] body, boolean chunked) {
            this.startLine = startLine;
            this.head = head;
            this.headers = headers;
            this.body = body;
            this.bodyIsChunked = chunked;
        }

        /** @return {@code null} at the end of the stream before a message started */
        /**
         * @param continueTo where to answer a request's {@code Expect: 100-continue} (the SDK sends
         *                   it with PUTs and waits for the go-ahead before the body)
         */
        static HttpMessage read(InputStream in, OutputStream continueTo, boolean response, String requestMethod)
                throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            while (last4 != 0x0d0a0d0a) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed inside a message head");
                }
                head.write(b);
                last4 = (last4 << 8) | b;
            }
            byte[] headBytes = head.toByteArray();
            String text = new String(headBytes, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            if (continueTo != null && "100-continue".equalsIgnoreCase(headers.getOrDefault("expect", ""))) {
                continueTo.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                continueTo.flush();
            }
            boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
            byte[] body;
            if (response && (noBody(lines[0], requestMethod))) {
                body = new byte[0];
            } else if (chunked) {
                body = readChunked(in);
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if (response) {
                body = in.readAllBytes(); // delimited by the end of the connection
            } else {
                body = new byte[0];
            }
            return new HttpMessage(lines[0], headBytes, headers, body, chunked);
        }

        private static boolean noBody(String statusLine, String requestMethod) {
            String[] parts = statusLine.split(" ");
            int status = parts.length > 1 ? Integer.parseInt(parts[1]) : 200;
            return "HEAD".equals(requestMethod) || status == 204 || status == 304 || status / 100 == 1;
        }

        /** The chunked body as it was on the wire (sizes, data, trailers), to relay unchanged. */
        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, raw);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in, raw);
                    } while (!trailer.isEmpty());
                    return raw.toByteArray();
                }
                raw.write(in.readNBytes(size));
                readLine(in, raw);
            }
        }

        private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
            StringBuilder line = new StringBuilder();
            int prev = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside a chunked body");
                }
                raw.write(b);
                if (prev == '\r' && b == '\n') {
                    line.setLength(line.length() - 1);
                    return line.toString();
                }
                line.append((char) b);
                prev = b;
            }
        }

        boolean isInterim() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 && parts[1].startsWith("1");
        }

        boolean wantsClose() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(head);
            out.write(body);
            out.flush();
        }

        void writeTruncated(OutputStream out) throws IOException {
            out.write(head);
            out.write(body, 0, body.length / 2);
            out.flush();
        }

        void writeSlowly(OutputStream out, int bytes, long pauseMillis, CountDownLatch closing)
                throws IOException, InterruptedException {
            out.write(head);
            out.flush();
            for (int off = 0; off < body.length; off += bytes) {
                out.write(body, off, Math.min(bytes, body.length - off));
                out.flush();
                if (closing.await(pauseMillis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }
}
