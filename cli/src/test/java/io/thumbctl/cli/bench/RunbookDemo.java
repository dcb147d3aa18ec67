package io.thumbctl.cli.bench;

import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;

import java.nio.charset.StandardCharsets;

/**
 * An s3proxy on 127.0.0.1 with a small bucket of the usual suspects, for trying the runbook by
 * hand (the README's examples were made with it). Prints the endpoint, then serves until killed.
 */
public final class RunbookDemo {

    private RunbookDemo() {
    }

    public static void main(String[] args) throws Exception {
        S3TestServer server = S3TestServer.start();
        server.createBucket("photos");
        server.put("photos", "2024/beach.jpg", TestImages.jpeg(640, 480), "image/jpeg");
        server.put("photos", "2024/IMG_0001.JPG", TestImages.jpeg(480, 640), "image/jpeg");
        server.put("photos", "2024/My Photo (1).jpg", TestImages.jpeg(300, 200), "image/jpeg");
        server.put("photos", "2024/", new byte[0], "application/x-directory");
        server.put("photos", "café ☕.png", TestImages.png(200, 200), "image/png");
        server.put("photos", "docs/notes.txt", "notes".getBytes(StandardCharsets.UTF_8), "text/plain");
        server.put("photos", "broken.jpg", "not a JPEG at all".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        System.out.println(server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
