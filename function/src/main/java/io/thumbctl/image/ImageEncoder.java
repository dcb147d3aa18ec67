package io.thumbctl.image;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Writes a thumbnail with no metadata at all: no EXIF, GPS, XMP or comments reach the output
 * because nothing but pixels is handed to the writer. JPEGs go through libjpeg-turbo when it is
 * loaded (about four times faster than ImageIO's writer at thumbnail size), else through ImageIO.
 */
final class ImageEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageEncoder.class);

    private final Optional<TurboJpeg> turbo;

    ImageEncoder(Optional<TurboJpeg> turbo) {
        this.turbo = turbo;
    }

    byte[] encode(BufferedImage image, ImageType type, float jpegQuality) {
        BufferedImage pixels = type == ImageType.JPEG ? withoutAlpha(image) : image;
        if (type == ImageType.JPEG && turbo.isPresent()) {
            int w = pixels.getWidth();
            int h = pixels.getHeight();
            int quality = Math.max(1, Math.min(100, Math.round(jpegQuality * 100)));
            try {
                return turbo.get().compress(pixels.getRGB(0, 0, w, h, null, 0, w), w, h, quality);
            } catch (TurboJpeg.NativeException e) {
                // Never seen: libjpeg-turbo compresses any pixels it is given. ImageIO writes the
                // thumbnail instead, but a broken library must show.
                LOG.warn("libjpeg-turbo could not compress a {}x{} thumbnail ({}); writing it with ImageIO", w, h,
                        e.getMessage(), e);
            }
        }
        // ImageIO may not have been set up by a decode here (libjpeg-turbo read the source): no
        // disk cache for the output stream either, as ImageIoDecoder sets for reading.
        ImageIO.setUseCache(false);
        ImageWriter writer = ImageIO.getImageWritersByFormatName(type.imageIoName()).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == ImageType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** JPEG has no alpha: transparent areas become white, as browsers show them on a page. */
    static BufferedImage withoutAlpha(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
