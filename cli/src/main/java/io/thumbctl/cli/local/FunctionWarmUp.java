package io.thumbctl.cli.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.thumbctl.function.ThumbnailHandler;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;
import io.thumbctl.thumbnail.ThumbnailService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * Takes the function through its cold paths once, before the first upload: reading an event
 * (the {@code s3:TestEvent} S3 itself sends when notifications are configured), an S3 request
 * through the SDK, and decoding, resizing and encoding a JPEG. On a fresh JVM the first thumbnail
 * otherwise took 1.9 s here, against 0.1 to 0.2 s for the next ones. Nothing is written.
 */
final class FunctionWarmUp implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionWarmUp.class);

    private final ApplicationContext context;
    private final ThumbnailHandler handler;
    private final String bucket;

    FunctionWarmUp(ApplicationContext context, ThumbnailHandler handler, String bucket) {
        this.context = context;
        this.handler = handler;
        this.bucket = bucket;
    }

    @Override
    public void run() {
        try {
            byte[] testEvent = new S3EventJson(context.getBean(JsonMapper.class)).testEvent(bucket, Instant.now());
            handler.handleRequest(new ByteArrayInputStream(testEvent), new ByteArrayOutputStream(), null);
            context.getBean(S3Client.class).headBucket(b -> b.bucket(bucket));
            ThumbnailSpec spec = ThumbnailSpec.of(context.getBean(ThumbnailService.class).settings());
            context.getBean(ThumbnailRenderer.class).render(sampleJpeg(), spec);
        } catch (Exception e) {
            // Only an optimisation: the first upload will be slower, and show any real problem itself.
            LOG.debug("warm-up failed", e);
        }
    }

    private static byte[] sampleJpeg() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(80, 60, 480, 360);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        return jpeg.toByteArray();
    }
}
