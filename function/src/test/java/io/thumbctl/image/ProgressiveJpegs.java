package io.thumbctl.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Progressive JPEGs for the DC-scan tests: written by ImageIO (libjpeg's default scan script:
 * interleaved DC at Al=1 first, the DC's last bit near the end), rearranged scan by scan, or
 * assembled from hand-made headers for scripts no encoder here writes.
 */
public final class ProgressiveJpegs {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private ProgressiveJpegs() {
    }

    /**
     * Photo-like content (smooth gradients, hard edges, fine noise): a flat test card would make
     * a DC-only thumbnail look better than it is on a real photo.
     */
    public static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(240, 200, 80)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(42);
        g.setStroke(new BasicStroke(Math.max(1, width / 400f)));
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            if (i % 2 == 0) {
                g.fillOval(x, y, width / 12, height / 12);
            } else {
                g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
            }
        }
        g.dispose();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(25) - 12;
                row[x] = clamp((row[x] >> 16 & 0xff) + n) << 16 | clamp((row[x] >> 8 & 0xff) + n) << 8
                        | clamp((row[x] & 0xff) + n);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    public static byte[] progressive(BufferedImage image) {
        return ProblemImages.write(image, "jpeg", true);
    }

    /** A real file decoded and written again as a progressive JPEG. */
    static byte[] progressive(byte[] jpeg) {
        try {
            return progressive(ImageIO.read(new ByteArrayInputStream(jpeg)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Progressive, with a restart marker every {@code interval} MCUs in every scan. */
    static byte[] progressiveWithRestarts(BufferedImage image, int interval) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
            IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(interval));
            sequence.insertBefore(dri, sequence.getFirstChild());
            metadata.setFromTree(FORMAT, root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A JPEG cut into its header (everything before the first scan) and its scans (SOS segment plus data). */
    record Parts(byte[] header, List<byte[]> scans) {

        static Parts of(byte[] jpeg) {
            List<byte[]> scans = new ArrayList<>();
            int headerEnd = -1;
            int chunkStart = -1;
            int i = 2;
            while (i + 3 < jpeg.length) {
                int marker = jpeg[i + 1] & 0xff;
                if (marker == 0xD9) {
                    break;
                }
                int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
                if (marker == 0xDA) {
                    if (headerEnd < 0) {
                        headerEnd = i;
                        chunkStart = i;
                    }
                    // A scan takes the tables (DHT) written between it and the scan before.
                    int end = afterEntropyData(jpeg, i + 2 + length);
                    scans.add(Arrays.copyOfRange(jpeg, chunkStart, end));
                    chunkStart = end;
                    i = end;
                } else {
                    i += 2 + length;
                }
            }
            return new Parts(Arrays.copyOf(jpeg, headerEnd), scans);
        }

        private static int afterEntropyData(byte[] jpeg, int from) {
            for (int i = from; i + 1 < jpeg.length; i++) {
                int next = jpeg[i + 1] & 0xff;
                if ((jpeg[i] & 0xff) == 0xff && next != 0 && (next < 0xD0 || next > 0xD7)) {
                    return i;
                }
            }
            return jpeg.length;
        }

        /** The header, then the scans at these indexes in this order, then EOI. */
        byte[] with(int... scanIndexes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(header);
            for (int index : scanIndexes) {
                out.writeBytes(scans.get(index));
            }
            out.write(0xff);
            out.write(0xd9);
            return out.toByteArray();
        }
    }

    /**
     * A marker stream with the given frame and scan headers and a few bytes of made-up entropy data
     * per scan (stuffed 0xFF and a restart marker included): enough for the marker parser, not for
     * a decoder.
     *
     * @param scans each {@code {Ss, Se, Ah, Al, componentId...}}
     */
    static byte[] handMade(int sofMarker, int precision, int height, int[] componentIds, int[]... scans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xff, (byte) 0xd8});
        segment(out, 0xE0, "JFIF\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteArrayOutputStream sof = new ByteArrayOutputStream();
        sof.write(precision);
        sof.write(height >> 8);
        sof.write(height);
        sof.write(1024 >> 8);
        sof.write(1024 & 0xff);
        sof.write(componentIds.length);
        for (int id : componentIds) {
            sof.writeBytes(new byte[]{(byte) id, 0x11, 0});
        }
        segment(out, sofMarker, sof.toByteArray());
        for (int[] scan : scans) {
            ByteArrayOutputStream sos = new ByteArrayOutputStream();
            sos.write(scan.length - 4);
            for (int c = 4; c < scan.length; c++) {
                sos.writeBytes(new byte[]{(byte) scan[c], 0});
            }
            sos.writeBytes(new byte[]{(byte) scan[0], (byte) scan[1], (byte) (scan[2] << 4 | scan[3])});
            segment(out, 0xDA, sos.toByteArray());
            out.writeBytes(new byte[]{0x12, 0x34, (byte) 0xff, 0x00, 0x56, (byte) 0xff, (byte) 0xd0, 0x78});
        }
        out.writeBytes(new byte[]{(byte) 0xff, (byte) 0xd9});
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.writeBytes(new byte[]{(byte) 0xff, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload);
    }
}
