package io.thumbctl.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.icc.IccReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;

/**
 * What the image pipeline needs from a file's metadata, read in one pass with metadata-extractor:
 * the EXIF orientation, and whether an embedded ICC profile makes the pixels something other
 * than sRGB (the native JPEG path ignores profiles, so such files go the ImageIO way).
 */
record SourceMetadata(Orientation orientation, boolean foreignColorProfile, boolean unread) {

    private static final Logger LOG = LoggerFactory.getLogger(SourceMetadata.class);

    static final SourceMetadata PLAIN = new SourceMetadata(Orientation.NORMAL, false, false);
    /** What could not be read counts as upright and sRGB: a thumbnail beats none, but it says so. */
    static final SourceMetadata UNREAD = new SourceMetadata(Orientation.NORMAL, false, true);

    SourceMetadata(Orientation orientation, boolean foreignColorProfile) {
        this(orientation, foreignColorProfile, false);
    }

    /**
     * Anything unreadable counts as upright and sRGB (a thumbnail beats none), and is
     * {@link #unread()}: logged here with its cause, and named in the outcome line
     * ({@code "warning":"orientation-unread"}), since the thumbnail may be sideways.
     * metadata-extractor's signals of a broken file are {@code ImageProcessingException}
     * ({@code JpegProcessingException}), {@code MetadataException} and {@code IOException}; its
     * parsers also throw runtime exceptions and, on deeply nested IFDs, a stack overflow.
     */
    static SourceMetadata read(byte[] image) {
        Metadata metadata;
        try {
            if (TurboJpegDecoder.isJpeg(image)) {
                metadata = jpegMetadata(image);
            } else if (PngChunks.isPng(image)) {
                metadata = pngMetadata(image);
            } else {
                metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
            }
        } catch (Exception | StackOverflowError e) {
            LOG.warn("metadata unreadable, the thumbnail keeps the stored orientation: {}", e.toString(), e);
            return UNREAD;
        }
        Orientation orientation = Orientation.NORMAL;
        for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            Integer tag = dir.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (tag != null) {
                orientation = Orientation.fromTag(tag);
                break;
            }
        }
        boolean foreign = false;
        for (IccDirectory icc : metadata.getDirectoriesOfType(IccDirectory.class)) {
            foreign |= !isSrgb(icc);
        }
        return new SourceMetadata(orientation, foreign);
    }

    /**
     * Only the APP1 (EXIF) and APP2 (ICC) segments, through metadata-extractor's own readers. The
     * all-formats reader also parses XMP, IPTC and Photoshop blocks, which took over 100 ms on a
     * real 9 MP wallpaper: longer than decoding it.
     */
    private static Metadata jpegMetadata(byte[] jpeg) throws Exception {
        JpegSegmentData segments = JpegSegmentReader.readSegments(new SequentialByteArrayReader(jpeg),
                List.of(JpegSegmentType.APP1, JpegSegmentType.APP2));
        Metadata metadata = new Metadata();
        new ExifReader().readJpegSegments(segments.getSegments(JpegSegmentType.APP1), metadata, JpegSegmentType.APP1);
        new IccReader().readJpegSegments(segments.getSegments(JpegSegmentType.APP2), metadata, JpegSegmentType.APP2);
        return metadata;
    }

    /**
     * Only the eXIf chunk. PNG's ICC profile is not needed: PNGs always take the ImageIO path,
     * and compressed text chunks are never inflated (see {@link PngChunks#chunk}).
     */
    private static Metadata pngMetadata(byte[] png) {
        Metadata metadata = new Metadata();
        PngChunks.chunk(png, "eXIf").ifPresent(exif -> new ExifReader().extract(new ByteArrayReader(exif), metadata));
        return metadata;
    }

    /** An sRGB profile ("sRGB IEC61966-2.1" and its many vendor spellings) changes nothing. */
    private static boolean isSrgb(Directory icc) {
        if (icc.hasErrors()) {
            return false;
        }
        String space = icc.getString(IccDirectory.TAG_COLOR_SPACE);
        String description = icc.getDescription(IccDirectory.TAG_TAG_desc);
        return space != null && space.trim().equalsIgnoreCase("RGB")
                && description != null && description.toLowerCase(Locale.ROOT).contains("srgb");
    }
}
