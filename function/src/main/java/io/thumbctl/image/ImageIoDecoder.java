package io.thumbctl.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The pure-Java decoder: ImageIO with the TwelveMonkeys plugins (CMYK/YCCK JPEG with ICC
 * conversion, through {@link DefaultCmykProfile} when the file has no usable CMYK profile; WebP,
 * BMP; the JDK's own PNG and GIF). It checks the pixel count from the header
 * before any pixel is allocated, subsamples large images while they are read so memory follows
 * the thumbnail rather than the source, and returns sRGB pixels.
 */
final class ImageIoDecoder {

    /**
     * The intermediate is kept at least this many times the thumbnail: subsampling drops pixels
     * rather than averaging them, so the final filtered downscale needs room to hide aliasing.
     */
    static final int OVERSAMPLE = 4;

    static {
        // Lambda's disk is small and slow; ImageIO's temp-file cache buys nothing for in-memory bytes.
        ImageIO.setUseCache(false);
    }

    /**
     * @param onReader receives the reader before pixels are read, so a caller that runs out of
     *                 time can {@link ImageReader#abort()} it
     */
    Decoded decode(byte[] bytes, DecodeRequest request, Consumer<ImageReader> onReader) throws ImageException {
        if (PngChunks.isPng(bytes)) {
            PngChunks.verify(bytes);
        }
        // Straight over the array: ImageIO's stream for an InputStream caches everything it reads,
        // a second copy of a source that may be 100 MB.
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageException(ImageException.UNSUPPORTED_FORMAT, "no image reader recognises this file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                request.checkPixels(width, height);
                BoxFit fit = request.fit(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height, fit.width() * OVERSAMPLE, fit.height() * OVERSAMPLE);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                TruncationWatch truncation = new TruncationWatch();
                reader.addIIOReadWarningListener(truncation);
                onReader.accept(reader);
                BufferedImage image = DefaultCmykProfile.isMissing(reader)
                        ? DefaultCmykProfile.read(reader, param, bytes)
                        : reader.read(0, param);
                if (truncation.warning != null) {
                    throw new ImageException(ImageException.CORRUPT, "the file is truncated: " + truncation.warning);
                }
                return new Decoded(Srgb.convert(image), reader.getFormatName().toLowerCase(Locale.ROOT), width, height,
                        DecodePath.IMAGEIO);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // IIOException, EOFException and the rest: the readers' own word for bytes they cannot read.
            throw new ImageException(ImageException.CORRUPT, "cannot decode: " + e, e);
        }
        // A RuntimeException is not known to be the file's fault (a bug of ours, or of a plugin on a
        // valid file): it goes on, and ThumbnailService fails the object retryably, logged with its
        // stack trace. No truncated, garbage or fuzzed file of BrokenAndHostileFilesTest throws one.
    }

    /** The largest whole step that keeps the image at least the minimum size on both axes. */
    static int subsampling(int width, int height, int minWidth, int minHeight) {
        return Math.max(1, Math.min(width / Math.max(1, minWidth), height / Math.max(1, minHeight)));
    }

    /**
     * The JDK's JPEG reader does not fail on a truncated file: it warns and fills the rest with
     * gray. Such a thumbnail would be wrong forever, so the warning is turned into a failure.
     */
    private static final class TruncationWatch implements IIOReadWarningListener {
        private String warning;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (this.warning == null && (text.contains("truncated file")
                    || text.contains("premature end") || text.contains("missing eoi"))) {
                this.warning = warning;
            }
        }
    }
}
