package io.thumbctl.thumbnail;

import io.micronaut.serde.ObjectMapper;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.testing.S3FaultRelay;
import io.thumbctl.testing.S3TestServer;
import io.thumbctl.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renditions end to end against a real S3 server: keys, metadata, one read per upload, the
 * manifest, failures per rendition, collisions and removal.
 */
class RenditionsServiceTest {

    static final String BUCKET = "renditions";
    static final String RENDITIONS = "small:128x128,medium:320x320:png,square:64x64:jpeg:cover";
    static S3TestServer s3;
    static S3FaultRelay relay;
    static S3Client client;
    static final AtomicInteger keys = new AtomicInteger();

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        relay = S3FaultRelay.inFrontOf(s3.endpoint());
        client = S3TestServer.clientFor(relay.endpoint());
    }

    @AfterEach
    void clearFaults() {
        relay.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        relay.close();
        s3.close();
    }

    static ThumbnailService serviceWith(String renditions) {
        return new ThumbnailService(new S3ObjectStore(() -> client),
                new KeyPolicy(ThumbnailSettings.defaults().withRenditions(renditions)),
                new ThumbnailRenderer(RenderSettings.fromEnvironment()));
    }

    static ObjectRef upload(String name, byte[] content, String type) {
        String key = "p" + keys.incrementAndGet() + "/" + name;
        return new ObjectRef(BUCKET, key, (long) content.length, s3.put(BUCKET, key, content, type));
    }

    static Map<String, String> metadata(String key) {
        return s3.head(BUCKET, key).orElseThrow().metadata();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> manifest(ObjectRef source) throws IOException {
        byte[] json = s3.get(BUCKET, "thumbnails/_manifest/" + source.key() + ".json");
        return ObjectMapper.getDefault().readValue(json, Map.class);
    }

    @Test
    void oneUpload_getsEveryRendition_atItsKey_withItsOwnSettings_fromOneRead() {
        ObjectRef source = upload("cat.jpg", TestImages.jpeg(800, 600), "image/jpeg");

        Outcome outcome = serviceWith(RENDITIONS).createUploaded(source);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Renditions.class, r -> assertThat(r.parts())
                .extracting(Outcome.Part::rendition, Outcome.Part::key, Outcome.Part::width, Outcome.Part::height)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("small", "thumbnails/small/" + source.key(), 128, 96),
                        org.assertj.core.groups.Tuple.tuple("medium", "thumbnails/medium/" + source.key() + ".png", 320, 240),
                        org.assertj.core.groups.Tuple.tuple("square", "thumbnails/square/" + source.key(), 64, 64)));
        assertThat(metadata("thumbnails/small/" + source.key()))
                .containsEntry(ThumbnailService.SOURCE_ETAG, source.etag())
                .containsEntry(ThumbnailService.SETTINGS, "128x128 same q85 inside")
                .containsEntry("thumbctl-source-key", source.key().replace("/", "%2F"));
        assertThat(metadata("thumbnails/medium/" + source.key() + ".png"))
                .containsEntry(ThumbnailService.SETTINGS, "320x320 png inside");
        assertThat(s3.head(BUCKET, "thumbnails/medium/" + source.key() + ".png").orElseThrow().contentType())
                .isEqualTo("image/png");
        assertThat(TestImages.decode(s3.get(BUCKET, "thumbnails/square/" + source.key())).getWidth()).isEqualTo(64);
        // One read of the source for all three (a small JPEG: one GET, no ranges).
        assertThat(relay.requests(BUCKET, source.key())).extracting(S3FaultRelay.Request::method)
                .containsExactly("GET");
    }

    @Test
    void manifest_listsTheSourceEveryRenditionWithItsRealSize_andAPlaceholder() throws IOException {
        ObjectRef source = upload("dog.jpg", TestImages.jpeg(600, 800), "image/jpeg");

        serviceWith(RENDITIONS).createUploaded(source);

        Map<String, Object> manifest = manifest(source);
        assertThat((Map<String, Object>) manifest.get("source")).containsEntry("key", source.key())
                .containsEntry("etag", source.etag()).containsEntry("format", "jpeg")
                .containsEntry("width", 600).containsEntry("height", 800)
                .containsEntry("bytes", source.size().intValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> renditions = (List<Map<String, Object>>) manifest.get("renditions");
        assertThat(renditions).extracting(r -> r.get("name")).containsExactly("small", "medium", "square");
        for (Map<String, Object> rendition : renditions) {
            byte[] object = s3.get(BUCKET, (String) rendition.get("key"));
            assertThat(rendition.get("bytes")).as("real size of " + rendition.get("key")).isEqualTo(object.length);
            BufferedImage image = TestImages.decode(object);
            assertThat(List.of(image.getWidth(), image.getHeight()))
                    .isEqualTo(List.of(rendition.get("width"), rendition.get("height")));
        }
        assertThat(renditions.get(1)).containsEntry("format", "png");
        @SuppressWarnings("unchecked")
        Map<String, Object> placeholder = (Map<String, Object>) manifest.get("placeholder");
        assertThat((String) placeholder.get("color")).matches("#[0-9a-f]{6}");
        assertThat(java.util.Base64.getDecoder().decode((String) placeholder.get("thumbhash"))).hasSizeGreaterThan(5);
        assertThat(metadata("thumbnails/_manifest/" + source.key() + ".json"))
                .containsEntry(ThumbnailService.SOURCE_ETAG, source.etag());
        assertThat(s3.head(BUCKET, "thumbnails/_manifest/" + source.key() + ".json").orElseThrow().contentType())
                .isEqualTo("application/json");
    }

    @Test
    void aRenditionThatFailsForNow_isRetried_withoutRewritingTheOthers() {
        ObjectRef source = upload("bird.jpg", TestImages.jpeg(800, 600), "image/jpeg");
        relay.inject(BUCKET, "thumbnails/medium/" + source.key() + ".png",
                S3FaultRelay.Fault.throttle().onMethod("PUT"));
        ThumbnailService service = serviceWith(RENDITIONS);

        Outcome first = service.createUploaded(source);

        assertThat(first).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.detail()).contains("rendition medium: ").contains("made or up to date: small, square");
        });
        assertThat(s3.head(BUCKET, "thumbnails/_manifest/" + source.key() + ".json")).as("no manifest yet").isEmpty();
        String smallEtag = s3.head(BUCKET, "thumbnails/small/" + source.key()).orElseThrow().eTag();
        relay.clear();

        Outcome retried = service.createUploaded(source);

        assertThat(retried).isInstanceOfSatisfying(Outcome.Renditions.class, r -> assertThat(r.parts())
                .extracting(Outcome.Part::rendition, Outcome.Part::created)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("small", false),
                        org.assertj.core.groups.Tuple.tuple("medium", true),
                        org.assertj.core.groups.Tuple.tuple("square", false)));
        // The retry of an upload writes on the condition that nothing is there: S3 refuses it for the
        // renditions already made, which stay as the first run wrote them.
        assertThat(relay.requests(BUCKET, "thumbnails/small/" + source.key()))
                .filteredOn(r -> r.method().equals("PUT")).last()
                .satisfies(put -> assertThat(put.header("if-none-match")).isEqualTo("*"));
        assertThat(s3.head(BUCKET, "thumbnails/small/" + source.key()).orElseThrow().eTag()).isEqualTo(smallEtag);
        assertThat(s3.head(BUCKET, "thumbnails/_manifest/" + source.key() + ".json")).isPresent();
    }

    @Test
    void sweep_makesOnlyTheMissingOrStaleRenditions() {
        ObjectRef source = upload("fish.jpg", TestImages.jpeg(800, 600), "image/jpeg");
        serviceWith(RENDITIONS).createUploaded(source);
        ThumbnailService changed = serviceWith("small:128x128,medium:320x320:png,square:96x96:jpeg:cover");

        assertThat(changed.inspectEach(source)).extracting(TargetFreshness::rendition, TargetFreshness::freshness)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("small", Freshness.UP_TO_DATE),
                        org.assertj.core.groups.Tuple.tuple("medium", Freshness.UP_TO_DATE),
                        org.assertj.core.groups.Tuple.tuple("square", Freshness.STALE));
        int before = relay.requests().size();
        Outcome outcome = changed.create(source);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Renditions.class, r -> assertThat(r.parts())
                .filteredOn(Outcome.Part::created).extracting(Outcome.Part::rendition).containsExactly("square"));
        assertThat(relay.requests().subList(before, relay.requests().size()))
                .filteredOn(r -> r.method().equals("PUT")).extracting(S3FaultRelay.Request::key)
                .containsExactlyInAnyOrder("thumbnails/square/" + source.key(),
                        "thumbnails/_manifest/" + source.key() + ".json");
        assertThat(changed.create(source).name()).isEqualTo(Outcome.UP_TO_DATE);
    }

    @Test
    void cover_cropsTheCentre_andNeverEnlarges() {
        BufferedImage stripes = new BufferedImage(900, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stripes.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 300, 300);
        g.setColor(Color.GREEN);
        g.fillRect(300, 0, 300, 300);
        g.setColor(Color.BLUE);
        g.fillRect(600, 0, 300, 300);
        g.dispose();
        ObjectRef wide = upload("stripes.png", TestImages.encode(stripes, "png"), "image/png");
        ObjectRef small = upload("small.png", TestImages.png(100, 50), "image/png");
        ThumbnailService service = serviceWith("sq:200x200:cover,big:400x400:cover");

        service.createUploaded(wide);
        service.createUploaded(small);

        BufferedImage square = TestImages.decode(s3.get(BUCKET, "thumbnails/sq/" + wide.key()));
        assertThat(List.of(square.getWidth(), square.getHeight())).containsExactly(200, 200);
        assertThat(new Color(square.getRGB(5, 100))).isEqualTo(Color.GREEN);
        assertThat(new Color(square.getRGB(195, 100))).isEqualTo(Color.GREEN);
        BufferedImage notEnlarged = TestImages.decode(s3.get(BUCKET, "thumbnails/big/" + wide.key()));
        assertThat(List.of(notEnlarged.getWidth(), notEnlarged.getHeight())).as("a 300 px tall source")
                .containsExactly(300, 300);
        BufferedImage smallest = TestImages.decode(s3.get(BUCKET, "thumbnails/big/" + small.key()));
        assertThat(List.of(smallest.getWidth(), smallest.getHeight())).containsExactly(50, 50);
    }

    @Test
    void twoSourcesMappingToOneKey_theFirstKeepsIt_theOtherIsAKeyCollision() {
        ObjectRef jpeg = upload("a.jpg", TestImages.jpeg(400, 300), "image/jpeg");
        String png = jpeg.key() + ".png";
        ObjectRef second = new ObjectRef(BUCKET, png, null, s3.put(BUCKET, png, TestImages.png(200, 100), "image/png"));
        ThumbnailService service = serviceWith("p:64x64:png");

        assertThat(service.createUploaded(jpeg).name()).isEqualTo(Outcome.CREATED);
        Outcome collided = service.create(second);

        assertThat(collided).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("key-collision");
            assertThat(f.retryable()).isFalse();
            assertThat(f.detail()).contains("rendition p: ");
        });
        assertThat(metadata("thumbnails/p/" + png)).containsEntry(ThumbnailService.SOURCE_ETAG, jpeg.etag());
        assertThat(service.inspectEach(second)).extracting(TargetFreshness::freshness)
                .containsExactly(Freshness.COLLISION);
    }

    @Test
    void removal_deletesEveryRenditionAndTheManifest() {
        ObjectRef source = upload("gone.jpg", TestImages.jpeg(400, 300), "image/jpeg");
        ThumbnailService service = serviceWith(RENDITIONS);
        service.createUploaded(source);
        s3.client().deleteObject(b -> b.bucket(BUCKET).key(source.key()));

        Outcome removed = service.remove(source);

        assertThat(removed.name()).isEqualTo("deleted");
        for (String key : service.targetsOf(source).allKeys()) {
            assertThat(s3.head(BUCKET, key)).as(key).isEmpty();
        }
    }

    @Test
    void sameFormat_keepsTheSourcesOwnFormat_andOtherFormatsSayTheirsInTheKey() {
        ObjectRef png = upload("logo.png", TestImages.png(300, 200), "image/png");
        ObjectRef gif = upload("anim.gif", TestImages.gif(300, 200), "image/gif");
        ThumbnailService service = serviceWith("s:100x100,j:100x100:jpeg");

        service.createUploaded(png);
        service.createUploaded(gif);

        assertThat(s3.head(BUCKET, "thumbnails/s/" + png.key()).orElseThrow().contentType()).isEqualTo("image/png");
        assertThat(s3.head(BUCKET, "thumbnails/j/" + png.key() + ".jpg").orElseThrow().contentType())
                .isEqualTo("image/jpeg");
        assertThat(s3.head(BUCKET, "thumbnails/s/" + gif.key()).orElseThrow().contentType()).isEqualTo("image/gif");
    }

    @Test
    void webpRendition_keepsAlpha_andDecodesWithAnIndependentDecoder() throws IOException {
        BufferedImage half = new BufferedImage(400, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = half.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        ObjectRef source = upload("half.png", TestImages.encode(half, "png"), "image/png");

        serviceWith("web:100x100:webp:q90").createUploaded(source);

        String key = "thumbnails/web/" + source.key() + ".webp";
        assertThat(s3.head(BUCKET, key).orElseThrow().contentType()).isEqualTo("image/webp");
        BufferedImage webp = TestImages.decode(s3.get(BUCKET, key));
        assertThat(List.of(webp.getWidth(), webp.getHeight())).containsExactly(100, 50);
        assertThat(new Color(webp.getRGB(20, 25), true).getAlpha()).isEqualTo(255);
        assertThat(new Color(webp.getRGB(80, 25), true).getAlpha()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> renditions = (List<Map<String, Object>>) manifest(source).get("renditions");
        assertThat(renditions.get(0)).containsEntry("format", "webp").containsEntry("key", key);
    }

    @Test
    void avifRendition_decodesWithLibheifAndDav1d_atItsSize_andColour() throws Exception {
        BufferedImage red = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = red.createGraphics();
        g.setColor(new Color(200, 30, 40));
        g.fillRect(0, 0, 800, 400);
        g.dispose();
        ObjectRef source = upload("red.jpg", TestImages.encode(red, "jpeg"), "image/jpeg");

        Outcome outcome = serviceWith("large:600x600:avif,small:64x64").createUploaded(source);

        assertThat(outcome.name()).isEqualTo(Outcome.CREATED);
        String key = "thumbnails/large/" + source.key() + ".avif";
        assertThat(s3.head(BUCKET, key).orElseThrow().contentType()).isEqualTo("image/avif");
        byte[] avif = s3.get(BUCKET, key);
        // Decoded by another library than the one that wrote it: libheif with dav1d, the source path.
        io.thumbctl.image.EncodedImage png = new ThumbnailRenderer(RenderSettings.fromEnvironment()).render(avif,
                new io.thumbctl.image.ThumbnailSpec(2000, 2000, io.thumbctl.config.OutputFormat.PNG, 100_000_000L, 1f));
        BufferedImage decoded = TestImages.decode(png.bytes());
        assertThat(List.of(decoded.getWidth(), decoded.getHeight())).containsExactly(600, 300);
        Color middle = new Color(decoded.getRGB(300, 150));
        assertThat(Math.abs(middle.getRed() - 200) + Math.abs(middle.getGreen() - 30) + Math.abs(middle.getBlue() - 40))
                .as(middle.toString()).isLessThan(24);
        assertThat(png.decodePath().label()).isEqualTo("libheif");
    }

    @Test
    void singleThumbnail_ofAHeicAndOfAJpegNamedAfterIt_shareAKey_andTheFirstKeepsIt() {
        ObjectRef heic = upload("a.heic", TestImages.heif("plain.heic"), "image/heic");
        String jpegKey = heic.key() + ".jpg";
        ObjectRef jpeg = new ObjectRef(BUCKET, jpegKey, null, s3.put(BUCKET, jpegKey, TestImages.jpeg(60, 40), "image/jpeg"));
        ThumbnailService single = serviceWith("");

        assertThat(single.createUploaded(heic).name()).isEqualTo(Outcome.CREATED);
        Outcome second = single.create(jpeg);

        assertThat(second).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("key-collision"));
        assertThat(metadata("thumbnails/" + jpegKey)).containsEntry(ThumbnailService.SOURCE_ETAG, heic.etag());
        assertThat(single.create(heic).name()).as("the HEIC's thumbnail is still its own").isEqualTo(Outcome.UP_TO_DATE);
    }

    @Test
    void aRenditionInAFormatWhoseEncoderCannotLoad_failsAtConstruction_notAtEveryUpload() {
        KeyPolicy policy = new KeyPolicy(ThumbnailSettings.defaults().withRenditions("small:64x64,medium:640x640:webp"));
        ThumbnailRenderer withoutNativeCode = new ThumbnailRenderer(RenderSettings.defaults().withNative(false));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ThumbnailService(new S3ObjectStore(() -> client), policy, withoutNativeCode))
                .isInstanceOf(io.thumbctl.config.InvalidSettingsException.class)
                .hasMessageContaining("names webp (rendition medium)");
        new ThumbnailService(new S3ObjectStore(() -> client),
                new KeyPolicy(ThumbnailSettings.defaults().withRenditions("small:64x64,big:640x640:png")), withoutNativeCode);
    }
}
