package io.thumbctl.image;

import javax.imageio.ImageReader;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Source bytes in, thumbnail bytes out: read metadata (EXIF orientation, colour profile), decode
 * at reduced size (libjpeg-turbo for JPEGs where it can, from the DC scans alone for a
 * progressive one at 1/8 scale; {@link PngStreamDecoder} for common
 * PNGs; {@link HeifDecoder} for HEIC/HEIF and AVIF, whose EXIF orientation is not applied;
 * ImageIO otherwise; limits checked from the header first), resize
 * ({@link HalvingDownscaler}), orient, encode (no metadata).
 *
 * <p>Contract: {@link #render} returns a thumbnail, or throws {@link ImageException} when a decoder
 * rejects these exact bytes (permanent), or {@link RetryableRenderException} when the failure is
 * not known to lie in the file: memory ran out, another JVM error, or the time bound passed. A
 * hostile file cannot make it run much longer than the time bound (it runs on the calling thread,
 * and at the bound an ImageIO reader still busy is aborted and the Java loops stop; native decodes
 * are bounded by the pixel limit). Thread-safe and stateless; knows nothing of S3. Its paths and
 * time bound are its {@link RenderSettings}.
 */
public class ThumbnailRenderer {

    private final Optional<TurboJpegDecoder> turbo;
    private final Optional<DcScanDecoder> dcScan;
    private final Optional<PngStreamDecoder> pngStream;
    /** libheif, loaded at the first HEIF source: a function that never sees one never pays for it. */
    private final Supplier<Optional<HeifDecoder>> heif;
    private final boolean dcScanOfWholeFiles;
    private final ImageEncoder encoder;
    private final Duration timeLimit;

    /** The bundled libturbojpeg and libdeflate where they load, if {@code settings} allow them. */
    public ThumbnailRenderer(RenderSettings settings) {
        Optional<TurboJpeg> library = settings.useNative() ? TurboJpeg.instance() : Optional.empty();
        this.turbo = library.map(TurboJpegDecoder::new);
        this.dcScan = library.map(DcScanDecoder::new);
        this.pngStream = settings.pngStream()
                ? Optional.of(new PngStreamDecoder(settings.useNative() ? Libdeflate.instance() : Optional.empty()))
                : Optional.empty();
        this.heif = settings.useNative() ? HeifDecoder::instance : Optional::empty;
        this.dcScanOfWholeFiles = settings.dcScanOfWholeFiles();
        this.encoder = new ImageEncoder(library, settings.useNative() ? NativeEncoders.bundled() : Map.of());
        this.timeLimit = settings.timeLimit();
    }

    /**
     * Whether {@code type} can be written in this JVM: WebP and AVIF need their bundled library,
     * which this loads. Asked at init for every format the settings name.
     */
    public boolean canWrite(ImageType type) {
        return encoder.canWrite(type);
    }

    /** Whether JPEGs can take the libjpeg-turbo path in this JVM. */
    public boolean nativeJpegAvailable() {
        return turbo.isPresent();
    }

    /** Whether HEIC/HEIF and AVIF sources can be decoded in this JVM (the bundled libheif loaded). */
    public boolean heifAvailable() {
        return heif.get().isPresent();
    }

    public EncodedImage render(byte[] source, ThumbnailSpec spec) throws ImageException {
        return render(source, spec, timeLimit);
    }

    /**
     * As {@link #render(byte[], ThumbnailSpec)}, within {@code within} at most (what is left of
     * the caller's own deadline, such as an invocation's), and never longer than the time bound.
     */
    public EncodedImage render(byte[] source, ThumbnailSpec spec, Duration within) throws ImageException {
        return renderSet(source, spec, within).first();
    }

    /**
     * Every output of {@code spec} from one decode of {@code source}, within {@code within} at
     * most, as {@link #render(byte[], ThumbnailSpec, Duration)}.
     */
    public RenderedSet renderSet(byte[] source, ThumbnailSpec spec, Duration within) throws ImageException {
        return bounded(onReader -> renderNow(source, spec, onReader, false), within);
    }

    /**
     * The thumbnail from the first bytes of a progressive JPEG, when they hold its DC scans and the
     * box is small enough for a 1/8-scale decode (see {@link ProgressivePrefix}). Empty when the
     * whole object is needed: the prefix is not {@link ProgressivePrefix.Complete}, the image needs
     * a larger decode scale or the ImageIO path (CMYK, a colour profile other than sRGB), or
     * libturbojpeg is not loaded here.
     *
     * @throws ImageException only for what the headers settle for good: too many pixels
     */
    public Optional<EncodedImage> renderFromPrefix(byte[] prefix, ThumbnailSpec spec) throws ImageException {
        return renderFromPrefix(prefix, spec, timeLimit);
    }

    /** As {@link #renderFromPrefix(byte[], ThumbnailSpec)}, within {@code within} at most. */
    public Optional<EncodedImage> renderFromPrefix(byte[] prefix, ThumbnailSpec spec, Duration within)
            throws ImageException {
        return renderPrefix(prefix, spec, within) instanceof PrefixRender.Rendered rendered
                ? Optional.of(rendered.set().first()) : Optional.empty();
    }

    /**
     * The first bytes of a source, inspected once: the thumbnail from a progressive JPEG's DC
     * scans if the prefix holds them, how many bytes they need if it ends first, or
     * {@link PrefixRender.WholeFile} when the whole file is needed (any other file, or the
     * DC-scan path off).
     */
    public PrefixRender renderPrefix(byte[] prefix, ThumbnailSpec spec, Duration within) throws ImageException {
        if (dcScan.isEmpty()) {
            return new PrefixRender.WholeFile();
        }
        ProgressivePrefix.Inspection inspection = ProgressivePrefix.inspect(prefix);
        if (inspection instanceof ProgressivePrefix.NeedMore more) {
            return new PrefixRender.NeedMore(more.minBytes());
        }
        if (!(inspection instanceof ProgressivePrefix.Complete complete)) {
            return new PrefixRender.WholeFile();
        }
        byte[] jpeg = complete.decodable(prefix);
        RenderedSet set = bounded(onReader -> renderNow(jpeg, spec, onReader, true), within);
        return set == null ? new PrefixRender.WholeFile() : new PrefixRender.Rendered(set);
    }

    /**
     * ImageIO's decoder, made on first use: a JPEG that libjpeg-turbo decodes never needs it, and
     * setting it up registers every ImageIO plugin on the class path (the JDK's and
     * TwelveMonkeys'), which a cold start would otherwise pay before its first upload.
     */
    private static final class ImageIo {
        static final ImageIoDecoder DECODER = new ImageIoDecoder();
    }

    /** One render, run by {@link #bounded} on the calling thread. */
    private interface Render {
        RenderedSet run(Consumer<ImageReader> onReader) throws ImageException;
    }

    /**
     * Runs the render on the calling thread, with a {@link RenderDeadline} that, when the time is
     * up, aborts the ImageIO reader and interrupts this thread: the Java loops (PNG rows, the
     * downscale steps, between the stages) stop at their next check. Native calls (libjpeg-turbo,
     * libdeflate) do not look at interrupts; they are bounded by the pixel limit, checked from the
     * header before they start. So no thread is left rendering after this returns, and nothing it
     * allocated stays reachable: there is no worker pool to leak into.
     */
    private RenderedSet bounded(Render render, Duration within) throws ImageException {
        boolean cut = within.compareTo(timeLimit) < 0;
        long limitMillis = Math.max(0, cut ? within.toMillis() : timeLimit.toMillis());
        if (limitMillis == 0) {
            // No time at all: fail before starting, rather than race a small image's render.
            throw timedOut(cut, limitMillis, null);
        }
        RenderDeadline deadline = RenderDeadline.start(limitMillis);
        try {
            RenderedSet set = render.run(deadline::watch);
            if (deadline.finish()) {
                throw timedOut(cut, limitMillis, null);
            }
            return set;
        } catch (ImageException | RuntimeException e) {
            if (deadline.finish()) {
                // Stopped by the deadline: whatever the reader or a loop made of that, it is a timeout.
                throw timedOut(cut, limitMillis, null);
            }
            throw e;
        } catch (Error e) {
            deadline.finish();
            // Not known to be permanent: an exhausted heap says nothing about the file.
            throw RetryableRenderException.of(e);
        }
    }

    /**
     * Not known to be the file's fault: a legal image at the limits can take this long on a small
     * CPU share. A hostile file fails the same way on every retry and ends in the on-failure
     * destination, where someone can look at it.
     */
    private RetryableRenderException timedOut(boolean cut, long limitMillis, Throwable cause) {
        return new RetryableRenderException(RetryableRenderException.TIMEOUT, cut
                ? "the caller's time ran out after " + limitMillis + " ms of rendering (less than the "
                + timeLimit.toMillis() + " ms time bound was left)"
                : "rendering took longer than " + limitMillis + " ms; if legal images at the limits hit this, "
                + "give the function more memory (Lambda gives CPU in proportion)", cause);
    }

    /** @param dcScanOnly the source is a progressive JPEG cut after its DC scans: null unless it decodes at 1/8 */
    private RenderedSet renderNow(byte[] source, ThumbnailSpec spec, Consumer<ImageReader> onReader,
                                  boolean dcScanOnly) throws ImageException {
        // A HEIF container turns its own image (irot, imir) as libheif decodes it; an EXIF
        // orientation inside it describes the coded pixels and must not turn them a second time.
        SourceMetadata metadata = HeifDecoder.isHeif(source) ? SourceMetadata.PLAIN : SourceMetadata.read(source);
        Orientation orientation = metadata.orientation();
        DecodeRequest request = new DecodeRequest(spec.maxPixels(), storedBoxes(spec, orientation));
        Decoded decoded = dcScanOnly ? decodeDcScan(source, metadata, request) : decode(source, metadata, request, onReader);
        if (decoded == null) {
            return null;
        }
        RenderDeadline.check();
        OutputShaper shaper = new OutputShaper(decoded, orientation);
        List<BufferedImage> shaped = shaper.shape(spec.outputs());
        boolean alpha = decoded.image().getColorModel().hasAlpha();
        String warning = metadata.unread() ? EncodedImage.ORIENTATION_UNREAD : null;
        List<EncodedImage> images = new ArrayList<>(shaped.size());
        for (int i = 0; i < shaped.size(); i++) {
            RenderDeadline.check();
            ThumbnailSpec.Output output = spec.outputs().get(i);
            BufferedImage upright = shaped.get(i);
            ImageType type = output.type().resolve(decoded.format(), alpha);
            byte[] bytes = encoder.encode(upright, type, output.quality());
            images.add(new EncodedImage(bytes, type, upright.getWidth(), upright.getHeight(), decoded.path(), warning));
        }
        boolean swaps = orientation.swapsAxes();
        SourceFacts facts = new SourceFacts(swaps ? decoded.sourceHeight() : decoded.sourceWidth(),
                swaps ? decoded.sourceWidth() : decoded.sourceHeight(), formatWord(decoded.format()), alpha);
        Placeholder placeholder = spec.placeholder()
                ? Placeholder.of(shaper.fittedInside(ThumbHash.MAX_SIDE, ThumbHash.MAX_SIDE)) : null;
        return new RenderedSet(images, facts, placeholder);
    }

    /** Each output's box as the stored (not yet upright) image must serve it. */
    private static List<DecodeRequest.Box> storedBoxes(ThumbnailSpec spec, Orientation orientation) {
        List<DecodeRequest.Box> boxes = new ArrayList<>();
        for (ThumbnailSpec.Output output : spec.outputs()) {
            boxes.add(orientation.swapsAxes()
                    ? new DecodeRequest.Box(output.height(), output.width(), output.cover())
                    : new DecodeRequest.Box(output.width(), output.height(), output.cover()));
        }
        return boxes;
    }

    private static String formatWord(String decoderFormat) {
        String lower = decoderFormat.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "jpg" -> "jpeg";
            case "heif" -> "heic"; // the manifest's word for HEIC/HEIF sources
            default -> lower;
        };
    }

    private Decoded decode(byte[] source, SourceMetadata metadata, DecodeRequest request,
                           Consumer<ImageReader> onReader) throws ImageException {
        if (HeifDecoder.isHeif(source)) {
            Optional<HeifDecoder> decoder = heif.get();
            if (decoder.isEmpty()) {
                // Not the file's fault, so not corrupt; permanent where this build runs (the same
                // bytes fail the same way until libheif is there), so not retryable.
                throw new ImageException(ImageException.UNSUPPORTED_FORMAT, "HEIC/HEIF/AVIF decoding is not "
                        + "available here: the bundled libheif is not loaded (not built for " + System.getProperty("os.name")
                        + " " + System.getProperty("os.arch") + ", switched off, or it failed to load: see the log)");
            }
            return decoder.get().decode(source, request);
        }
        if (turbo.isPresent() && TurboJpegDecoder.isJpeg(source) && !metadata.foreignColorProfile()) {
            Optional<Decoded> dc = decodeDcScanOfWholeFile(source, request);
            if (dc.isPresent()) {
                return dc.get();
            }
            Optional<Decoded> fast = turbo.get().decode(source, request);
            if (fast.isPresent()) {
                return fast.get();
            }
        }
        if (pngStream.isPresent() && PngChunks.isPng(source)) {
            Optional<Decoded> fast = pngStream.get().decode(source, request);
            if (fast.isPresent()) {
                return fast.get();
            }
        }
        return ImageIo.DECODER.decode(source, request, onReader);
    }

    /**
     * A whole progressive JPEG at 1/8 scale needs only its DC scans, which end 3-20% into a
     * photo: decoding just those skips most of libjpeg-turbo's work (every AC scan) for the same
     * thumbnail as a ranged read's prefix gives. Empty (decode it all) where that does not apply.
     */
    private Optional<Decoded> decodeDcScanOfWholeFile(byte[] source, DecodeRequest request) throws ImageException {
        if (!dcScanOfWholeFiles || !(ProgressivePrefix.inspect(source) instanceof ProgressivePrefix.Complete complete)) {
            return Optional.empty();
        }
        return dcScan.get().decode(complete.decodable(source), request);
    }

    private Decoded decodeDcScan(byte[] source, SourceMetadata metadata, DecodeRequest request) throws ImageException {
        if (metadata.foreignColorProfile()) {
            return null;
        }
        return dcScan.get().decode(source, request).orElse(null);
    }
}
