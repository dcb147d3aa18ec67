package io.thumbctl.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Reads any {@link BufferedImage} a row at a time as {@code 0xAARRGGBB} sRGB, not premultiplied.
 *
 * <p>The layouts decoders make (packed ints, interleaved 8- or 16-bit RGB, RGBA, gray, gray with
 * alpha) are read straight from their arrays, subimages included: {@code getRGB} costs tens of
 * nanoseconds a pixel, too much for every pixel of a large image. Everything else (palettes,
 * premultiplied alpha, odd layouts) goes through {@code getRGB}; an image in another colour space
 * (Adobe RGB, linear, CMYK) is converted to sRGB first ({@link Srgb}).
 *
 * <p>Gray samples are taken as sRGB levels: Java2D names 8-bit gray "linear", so {@code getRGB}
 * brightens 128 to 188, but decoders store the file's gamma-encoded levels there and drawing the
 * image (as every resize here does) copies them channel for channel.
 */
abstract class SrgbRows {

    final int width;
    final int height;

    private SrgbRows(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * Fills {@code argb[0..width)} with row {@code y}. When the image has no alpha
     * ({@link #hasAlpha()} false) the top byte is left undefined, which saves a pass over opaque rows.
     */
    abstract void read(int y, int[] argb);

    /** Whether any pixel can be less than opaque. */
    abstract boolean hasAlpha();

    static SrgbRows of(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        boolean gray = space.getType() == ColorSpace.TYPE_GRAY && space.getNumComponents() == 1;
        if (!space.isCS_sRGB() && !gray) {
            image = Srgb.convert(image);
        }
        ColorModel model = image.getColorModel();
        WritableRaster raster = image.getRaster();
        if (!model.isAlphaPremultiplied()) {
            if (model instanceof DirectColorModel direct && raster.getDataBuffer() instanceof DataBufferInt
                    && raster.getSampleModel() instanceof SinglePixelPackedSampleModel
                    && direct.getRedMask() == 0xFF0000 && direct.getGreenMask() == 0xFF00
                    && direct.getBlueMask() == 0xFF && (direct.getAlphaMask() == 0xFF000000 || !direct.hasAlpha())) {
                return new PackedInts(image, direct.hasAlpha());
            }
            if (model instanceof ComponentColorModel && raster.getSampleModel() instanceof ComponentSampleModel
                    && raster.getNumBands() == model.getNumComponents()
                    && raster.getDataBuffer().getNumBanks() == 1
                    && (raster.getDataBuffer() instanceof DataBufferByte && bits(model, 8)
                        || raster.getDataBuffer() instanceof DataBufferUShort && bits(model, 16))) {
                return new Interleaved(image);
            }
        }
        return new ViaGetRgb(image);
    }

    private static boolean bits(ColorModel model, int bits) {
        for (int size : model.getComponentSize()) {
            if (size != bits) {
                return false;
            }
        }
        return true;
    }

    /** Where pixel (0, y) of the image sits in its raster's data array (band offsets not added). */
    private static int rowStart(WritableRaster raster, int y) {
        int x0 = -raster.getSampleModelTranslateX();
        int y0 = y - raster.getSampleModelTranslateY();
        int offset = raster.getSampleModel() instanceof ComponentSampleModel component
                ? y0 * component.getScanlineStride() + x0 * component.getPixelStride()
                : y0 * ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride() + x0;
        return raster.getDataBuffer().getOffset() + offset;
    }

    /** TYPE_INT_RGB, TYPE_INT_ARGB and their look-alikes (what libjpeg-turbo and the PNG path make). */
    private static final class PackedInts extends SrgbRows {
        private final WritableRaster raster;
        private final int[] data;
        private final boolean alpha;

        PackedInts(BufferedImage image, boolean alpha) {
            super(image.getWidth(), image.getHeight());
            this.raster = image.getRaster();
            this.data = ((DataBufferInt) raster.getDataBuffer()).getData();
            this.alpha = alpha;
        }

        @Override
        void read(int y, int[] argb) {
            System.arraycopy(data, rowStart(raster, y), argb, 0, width);
        }

        @Override
        boolean hasAlpha() {
            return alpha;
        }
    }

    /** 8- or 16-bit samples, RGB(A) or gray(+alpha), interleaved in one array (ImageIO's usual output). */
    private static final class Interleaved extends SrgbRows {
        private final WritableRaster raster;
        private final byte[] bytes;
        private final short[] shorts;
        private final int pixelStride;
        private final int[] offsets; // of r, g, b and alpha within a pixel; gray repeats its band
        private final boolean alpha;

        Interleaved(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            this.raster = image.getRaster();
            DataBuffer buffer = raster.getDataBuffer();
            this.bytes = buffer instanceof DataBufferByte b ? b.getData() : null;
            this.shorts = buffer instanceof DataBufferUShort s ? s.getData() : null;
            ComponentSampleModel model = (ComponentSampleModel) raster.getSampleModel();
            this.pixelStride = model.getPixelStride();
            int[] bands = model.getBandOffsets();
            int colours = image.getColorModel().getNumColorComponents();
            this.alpha = image.getColorModel().hasAlpha();
            this.offsets = colours == 1
                    ? new int[] {bands[0], bands[0], bands[0], alpha ? bands[1] : -1}
                    : new int[] {bands[0], bands[1], bands[2], alpha ? bands[3] : -1};
        }

        @Override
        void read(int y, int[] argb) {
            int i = rowStart(raster, y);
            int r = offsets[0];
            int g = offsets[1];
            int b = offsets[2];
            int a = offsets[3];
            if (bytes != null && a >= 0) {
                for (int x = 0; x < width; x++, i += pixelStride) {
                    argb[x] = bytes[i + a] << 24 | (bytes[i + r] & 0xFF) << 16 | (bytes[i + g] & 0xFF) << 8
                            | bytes[i + b] & 0xFF;
                }
            } else if (bytes != null) {
                for (int x = 0; x < width; x++, i += pixelStride) {
                    argb[x] = (bytes[i + r] & 0xFF) << 16 | (bytes[i + g] & 0xFF) << 8 | bytes[i + b] & 0xFF;
                }
            } else {
                for (int x = 0; x < width; x++, i += pixelStride) {
                    int alphaBits = a < 0 ? 0 : eight(shorts[i + a]) << 24;
                    argb[x] = alphaBits | eight(shorts[i + r]) << 16 | eight(shorts[i + g]) << 8 | eight(shorts[i + b]);
                }
            }
        }

        /** A 16-bit sample to the nearest 8-bit level. */
        private static int eight(short sample) {
            return ((sample & 0xFFFF) * 255 + 32767) / 65535;
        }

        @Override
        boolean hasAlpha() {
            return alpha;
        }
    }

    /** Anything else, through the colour model (palettes, premultiplied alpha, bit-packed rows). */
    private static final class ViaGetRgb extends SrgbRows {
        private final BufferedImage image;

        ViaGetRgb(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            this.image = image;
        }

        @Override
        void read(int y, int[] argb) {
            image.getRGB(0, y, width, 1, argb, 0, width);
        }

        @Override
        boolean hasAlpha() {
            return image.getColorModel().hasAlpha();
        }
    }
}
