package io.thumbctl.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Generated test images: real encoders, known sizes. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] gif(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    /**
     * A JPEG carrying an EXIF block (with an ImageDescription) and a comment segment, spliced in
     * after the start-of-image marker as cameras and editors write them.
     */
    public static byte[] jpegWithMetadata(int width, int height, String description, String comment) {
        byte[] plain = jpeg(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        byte[] text = (description + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[]{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1});
        tiff.writeBytes(new byte[]{0x01, 0x0E, 0, 2});
        tiff.writeBytes(new byte[]{0, 0, 0, (byte) text.length, 0, 0, 0, 26, 0, 0, 0, 0});
        tiff.writeBytes(text);
        byte[] exif = tiff.toByteArray();
        segment(out, 0xE1, concat("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), exif));
        segment(out, 0xFE, comment.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    public static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height / 2 + 1);
        g.setColor(Color.RED);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A HEIC/HEIF/AVIF file from {@code io/thumbctl/image/heif/} (made by its
     * {@code make-fixtures.sh}): {@code plain.heic} is the 96x64 "quadrants" picture, red top
     * left; {@code alpha.avif} the same with a transparent right half.
     */
    public static byte[] heif(String name) {
        try (java.io.InputStream in = TestImages.class.getResourceAsStream("/io/thumbctl/image/heif/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture io/thumbctl/image/heif/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
