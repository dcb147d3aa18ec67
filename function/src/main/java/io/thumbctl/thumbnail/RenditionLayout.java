package io.thumbctl.thumbnail;

import io.thumbctl.config.Rendition;
import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.image.ImageType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an object key under the thumbnail prefix back into the rendition it belongs to and the
 * source keys it can stand for: the inverse of {@link Targets}, for {@code verify}'s orphans and
 * {@code backfill --prune}. A key such as {@code medium/a.jpg.webp} can stand for two sources
 * ({@code a.jpg}'s WebP rendition, or {@code a.jpg.webp}'s own), so there may be two candidates.
 */
public final class RenditionLayout {

    /**
     * @param rendition  the folder name under the prefix ({@code _manifest} for manifests)
     * @param sourcePart the key after {@code prefix + rendition + "/"}
     * @param configured whether {@code rendition} is configured now (manifests count as configured)
     * @param candidates the source keys this object can be a rendition (or manifest) of, best first
     */
    public record Parsed(String rendition, String sourcePart, boolean configured, List<String> candidates) {
    }

    private static final String MANIFEST = Targets.MANIFEST_FOLDER.substring(0, Targets.MANIFEST_FOLDER.length() - 1);

    private final ThumbnailSettings settings;
    private final Set<String> names;

    public RenditionLayout(ThumbnailSettings settings) {
        this.settings = settings;
        this.names = settings.renditionList().stream().map(Rendition::name).collect(Collectors.toSet());
    }

    /** Empty for a key outside the prefix or without a rendition folder. */
    public Optional<Parsed> parse(String key) {
        if (!key.startsWith(settings.prefix())) {
            return Optional.empty();
        }
        String rest = key.substring(settings.prefix().length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        String rendition = rest.substring(0, slash);
        String sourcePart = rest.substring(slash + 1);
        if (rendition.equals(MANIFEST)) {
            return sourcePart.endsWith(".json") && sourcePart.length() > 5
                    ? Optional.of(new Parsed(rendition, sourcePart, true,
                    List.of(sourcePart.substring(0, sourcePart.length() - 5))))
                    : Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        for (String candidate : candidatesOf(sourcePart)) {
            if (!names.contains(rendition) || keysOf(candidate, rendition).contains(key)) {
                candidates.add(candidate);
            }
        }
        if (candidates.isEmpty()) {
            candidates.add(sourcePart);
        }
        return Optional.of(new Parsed(rendition, sourcePart, names.contains(rendition), candidates));
    }

    /** The key itself, and the key without an extension a rendition may have added. */
    private static List<String> candidatesOf(String sourcePart) {
        List<String> candidates = new ArrayList<>();
        for (ImageType type : ImageType.values()) {
            String extension = type.extension();
            if (sourcePart.endsWith(extension) && sourcePart.length() > extension.length()) {
                candidates.add(sourcePart.substring(0, sourcePart.length() - extension.length()));
            }
        }
        candidates.add(sourcePart);
        return candidates;
    }

    private List<String> keysOf(String sourceKey, String rendition) {
        for (Target target : Targets.of(settings, "any", sourceKey).targets()) {
            if (rendition.equals(target.rendition())) {
                return target.placements().stream().map(Placement::key).toList();
            }
        }
        return List.of();
    }
}
