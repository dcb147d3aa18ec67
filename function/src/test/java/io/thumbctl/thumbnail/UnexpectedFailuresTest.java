package io.thumbctl.thumbnail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What nobody foresaw is retried, never acknowledged, and never silent: an ImageIO plugin that
 * throws a RuntimeException on a file (a plugin bug, not a broken file) fails that object as a
 * retryable {@code internal-error}, logged once with its stack trace and counted; a file whose
 * metadata cannot be read still gets its thumbnail, and the outcome says its orientation was not
 * read. Both through a real ImageIO plugin registered for a made-up format, over s3proxy.
 */
class UnexpectedFailuresTest {

    static final String BUCKET = "unexpected";
    static final byte[] BUGGY = "THUMBCTL-TEST-BUG".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PLAIN = "THUMBCTL-TEST-OK!".getBytes(StandardCharsets.US_ASCII);
    static final TestFormatSpi SPI = new TestFormatSpi();
    static S3TestServer s3;
    static ThumbnailService service;

    @BeforeAll
    static void start() {
        IIORegistry.getDefaultInstance().registerServiceProvider(SPI);
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        service = new ThumbnailService(new S3ObjectStore(() -> s3.client()),
                new KeyPolicy(ThumbnailSettings.defaults()), new ThumbnailRenderer(RenderSettings.fromEnvironment()));
    }

    @AfterAll
    static void stop() throws Exception {
        IIORegistry.getDefaultInstance().deregisterServiceProvider(SPI);
        s3.close();
    }

    static ObjectRef upload(String key, byte[] content) {
        String etag = s3.put(BUCKET, key, content, "image/bmp");
        return new ObjectRef(BUCKET, key, (long) content.length, etag.replace("\"", ""));
    }

    @Test
    void pluginBugOnAFile_isARetryableInternalError_loggedOnceWithItsStackTrace_andCounted() {
        ObjectRef source = upload("bug.bmp", BUGGY);
        long before = ThumbnailService.unexpectedFailures();
        ListAppender<ILoggingEvent> log = capture(ThumbnailService.class);
        try {
            Outcome outcome = service.create(source);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(ThumbnailService.INTERNAL_ERROR);
                assertThat(f.retryable()).isTrue();
                assertThat(f.detail()).contains("plugin bug");
            });
            assertThat(ThumbnailService.unexpectedFailures()).isEqualTo(before + 1);
            assertThat(log.list).hasSize(1).first().satisfies(e -> {
                assertThat(e.getLevel().toString()).isEqualTo("ERROR");
                assertThat(e.getThrowableProxy()).as("the stack trace").isNotNull();
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo("plugin bug");
                assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
            });
        } finally {
            release(ThumbnailService.class, log);
        }
        assertThat(s3.head(BUCKET, "thumbnails/bug.bmp")).isEmpty();
    }

    @Test
    void unreadableMetadata_stillGivesAThumbnail_andTheOutcomeSaysTheOrientationWasNotRead() {
        ObjectRef source = upload("plain.bmp", PLAIN);

        Outcome outcome = service.create(source);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Created.class,
                c -> assertThat(c.warning()).isEqualTo("orientation-unread"));
        assertThat(OutcomeView.of(outcome).warning()).isEqualTo("orientation-unread");
        assertThat(s3.head(BUCKET, "thumbnails/plain.bmp")).isPresent();
    }

    static ListAppender<ILoggingEvent> capture(Class<?> owner) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(owner)).addAppender(appender);
        return appender;
    }

    static void release(Class<?> owner, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(owner)).detachAppender(appender);
    }

    /** A made-up format: its "OK" files decode to a gray 64x48 image, its "BUG" files hit a bug in the reader. */
    static final class TestFormatSpi extends ImageReaderSpi {
        TestFormatSpi() {
            super("thumbctl-test", "1", new String[]{"thumbctl-test"}, new String[]{"thumbctl-test"},
                    new String[]{"application/x-thumbctl-test"}, TestFormatReader.class.getName(),
                    new Class<?>[]{ImageInputStream.class}, null, false, null, null, null, null, false, null, null,
                    null, null);
        }

        @Override
        public boolean canDecodeInput(Object source) throws IOException {
            if (!(source instanceof ImageInputStream in)) {
                return false;
            }
            byte[] head = new byte[BUGGY.length];
            in.mark();
            try {
                in.readFully(head);
            } catch (IOException shorter) {
                return false;
            } finally {
                in.reset();
            }
            return java.util.Arrays.equals(head, BUGGY) || java.util.Arrays.equals(head, PLAIN);
        }

        @Override
        public ImageReader createReaderInstance(Object extension) {
            return new TestFormatReader(this);
        }

        @Override
        public String getDescription(Locale locale) {
            return "thumbctl test format";
        }
    }

    static final class TestFormatReader extends ImageReader {
        TestFormatReader(ImageReaderSpi spi) {
            super(spi);
        }

        private boolean buggy() throws IOException {
            ImageInputStream in = (ImageInputStream) getInput();
            in.seek(14);
            return in.read() == 'B';
        }

        @Override
        public int getNumImages(boolean allowSearch) {
            return 1;
        }

        @Override
        public int getWidth(int imageIndex) {
            return 64;
        }

        @Override
        public int getHeight(int imageIndex) {
            return 48;
        }

        @Override
        public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
            return List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB)).iterator();
        }

        @Override
        public IIOMetadata getStreamMetadata() {
            return null;
        }

        @Override
        public IIOMetadata getImageMetadata(int imageIndex) {
            return null;
        }

        @Override
        public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
            if (buggy()) {
                throw new IllegalStateException("plugin bug");
            }
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, 0x808080);
                }
            }
            return image;
        }
    }
}
