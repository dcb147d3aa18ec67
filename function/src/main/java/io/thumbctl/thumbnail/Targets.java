package io.thumbctl.thumbnail;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.config.Fit;
import io.thumbctl.config.Rendition;
import io.thumbctl.config.RenditionFormat;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.image.ImageType;
import io.thumbctl.image.OutputType;
import io.thumbctl.image.ThumbnailSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything one source gets, derived from its key and the settings alone (DESIGN.md, "Key
 * layout" and "Renditions"): the single thumbnail, or one object per rendition plus a manifest.
 *
 * @param bucket      where they all go
 * @param manifestKey {@code null} without renditions, or with {@code thumbnail.manifest} off
 * @param claimsKeys  whether another source's object can sit at these keys (renditions: {@code a.jpg}'s
 *                    WebP and {@code a.jpg.webp}'s own; the single thumbnail of {@code a.heic} and of
 *                    {@code a.heic.jpg}): then each object records its source key, and one made
 *                    from another source is a {@code key-collision}, never overwritten or deleted
 */
public record Targets(String bucket, List<Target> targets, @Nullable String manifestKey, String manifestSettings,
                      boolean claimsKeys) {

    /** Where the manifests of a prefix live, under the thumbnail prefix: no rendition name starts with '_'. */
    public static final String MANIFEST_FOLDER = "_manifest/";

    public Targets {
        targets = List.copyOf(targets);
    }

    public static Targets of(ThumbnailSettings settings, String sourceBucket, String sourceKey) {
        String bucket = settings.targetBucketFor(sourceBucket);
        SourceFormat own = SourceFormat.of(sourceKey);
        if (!settings.hasRenditions()) {
            return new Targets(bucket, List.of(single(settings, sourceKey, own)), null, "",
                    own == SourceFormat.HEIF || own == SourceFormat.AVIF || namesAHeifThumbnail(sourceKey));
        }
        List<Target> targets = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Rendition rendition : settings.renditionList()) {
            targets.add(rendition(settings.prefix(), rendition, sourceKey, own));
            all.append(all.isEmpty() ? "" : ",").append(rendition.spelledOut());
        }
        String manifest = settings.manifest() ? manifestKey(settings.prefix(), sourceKey) : null;
        return new Targets(bucket, targets, manifest, all.toString(), true);
    }

    /** {@code a.heic.jpg} and {@code a.heic.png}: keys that are also the single thumbnail key of a HEIF/AVIF source. */
    private static boolean namesAHeifThumbnail(String sourceKey) {
        String lower = sourceKey.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".jpg") && !lower.endsWith(".png")) {
            return false;
        }
        SourceFormat inner = SourceFormat.of(sourceKey.substring(0, sourceKey.length() - 4));
        return inner == SourceFormat.HEIF || inner == SourceFormat.AVIF;
    }

    public static String manifestKey(String prefix, String sourceKey) {
        return prefix + MANIFEST_FOLDER + sourceKey + ".json";
    }

    /**
     * The single thumbnail: at {@code prefix + KEY}, except for HEIC/HEIF and AVIF sources, whose
     * thumbnail is a JPEG (a PNG where the source has alpha) and says so in its key.
     */
    private static Target single(ThumbnailSettings settings, String sourceKey, SourceFormat own) {
        int quality = Math.max(1, Math.min(100, Math.round(settings.jpegQuality() * 100)));
        String key = settings.thumbnailKey(sourceKey);
        OutputType type = OutputType.of(settings.format());
        List<Placement> placements;
        if (own == SourceFormat.HEIF || own == SourceFormat.AVIF) {
            type = type == OutputType.AS_DECODED ? OutputType.JPEG_OR_PNG : type;
            // ".jpg" or ".png" added, and both looked for whatever thumbnail.format says now: the
            // one made under another setting, or before the source gained alpha, is found and removed.
            placements = List.of(placementOf(key, ImageType.JPEG, SourceFormat.OTHER),
                    placementOf(key, ImageType.PNG, SourceFormat.OTHER));
        } else {
            placements = List.of(new Placement(key, null));
        }
        return new Target(null, placements, settings.fingerprint(),
                new ThumbnailSpec.Output(settings.width(), settings.height(), false, type, quality));
    }

    private static Target rendition(String prefix, Rendition rendition, String sourceKey, SourceFormat own) {
        String base = prefix + rendition.name() + "/" + sourceKey;
        OutputType type = switch (rendition.format()) {
            case SAME -> own.written().map(Targets::outputTypeOf).orElse(OutputType.JPEG_OR_PNG);
            case JPEG -> OutputType.JPEG;
            case PNG -> OutputType.PNG;
            case WEBP -> OutputType.WEBP;
            case AVIF -> OutputType.AVIF;
        };
        return new Target(rendition.name(), placementsOf(base, type, own), rendition.fingerprint(),
                new ThumbnailSpec.Output(rendition.width(), rendition.height(), rendition.fit() == Fit.COVER, type,
                        rendition.quality() == 0 ? RenditionFormat.JPEG.defaultQuality() : rendition.quality()));
    }

    /** A format's key: the base as it is when the format is the source's own, else with the format's extension. */
    private static List<Placement> placementsOf(String base, OutputType type, SourceFormat own) {
        Optional<ImageType> fixed = type.fixed();
        if (fixed.isPresent()) {
            return List.of(placementOf(base, fixed.get(), own));
        }
        return List.of(placementOf(base, ImageType.JPEG, own), placementOf(base, ImageType.PNG, own));
    }

    private static Placement placementOf(String base, ImageType type, SourceFormat own) {
        boolean ownFormat = own.written().filter(t -> t == type).isPresent();
        return new Placement(ownFormat ? base : base + type.extension(), type);
    }

    private static OutputType outputTypeOf(ImageType type) {
        return OutputType.valueOf(type.name());
    }

    /** What the renderer makes for all of these targets. */
    public ThumbnailSpec spec(long maxPixels) {
        return spec(maxPixels, targets);
    }

    /** What the renderer makes for these targets; the placeholder only where a manifest is written. */
    ThumbnailSpec spec(long maxPixels, List<Target> which) {
        return new ThumbnailSpec(which.stream().map(Target::output).toList(), maxPixels, manifestKey != null);
    }

    /** Every key these targets may occupy, the manifest's too: what removal deletes. */
    public List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (Target target : targets) {
            target.placements().forEach(p -> keys.add(p.key()));
        }
        if (manifestKey != null) {
            keys.add(manifestKey);
        }
        return keys;
    }
}
