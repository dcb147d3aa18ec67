package io.thumbctl.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Problem files for the image tests: real ones from the TwelveMonkeys test jars on the test
 * classpath (CMYK/YCCK, broken ICC profiles, EXIF-rotated photos, broken JPEGs, bmpsuite, WebP),
 * and generated ones where no real file exists (bombs, orientation markers, PNG variants).
 */
final class ProblemImages {

    private ProblemImages() {
    }

    /** A file from a TwelveMonkeys test jar, e.g. {@code jpeg/cmyk-sample.jpg}. */
    static byte[] resource(String path) {
        try (InputStream in = ProblemImages.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath (TwelveMonkeys tests jars)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage gradient(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static byte[] write(BufferedImage image, String format, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive && param.canWriteProgressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] jpeg(int width, int height, boolean progressive) {
        return write(gradient(width, height, BufferedImage.TYPE_INT_RGB), "jpeg", progressive);
    }

    /** Half transparent: the right half has alpha 0. */
    static BufferedImage halfTransparent(int width, int height) {
        BufferedImage image = gradient(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = width / 2; x < width; x++) {
                image.setRGB(x, y, 0);
            }
        }
        return image;
    }

    /** 8-bit palette with a transparent entry (index 0) over the right half. */
    static BufferedImage paletteWithTransparency(int width, int height) {
        byte[] r = {0, (byte) 255, 0};
        byte[] g = {0, 0, (byte) 255};
        byte[] b = {0, 0, 0};
        IndexColorModel palette = new IndexColorModel(8, 3, r, g, b, 0);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, x >= width / 2 ? 0 : (y < height / 2 ? 1 : 2));
            }
        }
        return image;
    }

    /** 16 bits per sample RGB. */
    static BufferedImage rgb16(int width, int height) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[]{x * 65535 / width, y * 65535 / height, 30000});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** Gray plus alpha (PNG colour type 4), left half opaque, right half transparent. */
    static BufferedImage grayAlpha(int width, int height) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[]{(x * 255) / width, x < width / 2 ? 255 : 0});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * A valid PNG signature and IHDR (correct CRC) that claims {@code width x height}, followed by
     * a tiny IDAT and IEND: a decompression bomb's header.
     */
    static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[]{0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** One chunk: length, type, data, CRC. */
    static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The PNG with one more chunk (valid CRC) inserted right after IHDR. */
    static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 12 + 13;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        chunk(out, type, data);
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** A zTXt chunk's data whose text inflates to {@code megabytes} MB of zeros: a metadata bomb. */
    static byte[] zTxtBomb(int megabytes) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Comment".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(0); // keyword terminator
        out.write(0); // compression method: deflate
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < megabytes; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A big-endian TIFF block holding only IFD0's orientation tag: the payload of EXIF APP1 or PNG eXIf. */
    static byte[] tiffWithOrientation(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[]{'M', 'M', 0, 42}).putInt(8); // header, IFD0 at 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        return tiff.array();
    }

    /** A real JPEG whose SOF header is rewritten to claim {@code width x height}. */
    static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = jpeg(64, 64, false);
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && ((jpeg[i + 1] & 0xff) == 0xc0 || (jpeg[i + 1] & 0xff) == 0xc2)) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF marker");
    }

    /** The same JPEG with an EXIF APP1 segment holding only the orientation tag, after APP0. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] exif = ByteBuffer.allocate(6 + 26).put(new byte[]{'E', 'x', 'i', 'f', 0, 0})
                .put(tiffWithOrientation(orientation)).array();
        int app0Length = ((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff);
        int insertAt = 4 + app0Length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.write(0xff);
        out.write(0xe1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xff);
        out.writeBytes(exif);
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    static byte[] truncated(byte[] bytes, double keep) {
        return Arrays.copyOf(bytes, (int) (bytes.length * keep));
    }

    static byte[] prepended(byte[] junk, byte[] bytes) {
        byte[] out = Arrays.copyOf(junk, junk.length + bytes.length);
        System.arraycopy(bytes, 0, out, junk.length, bytes.length);
        return out;
    }
}
