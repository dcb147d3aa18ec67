package io.thumbctl.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code thumbnail.renditions} (the template's {@code Renditions}, the CLI's
 * {@code --renditions}): {@code NAME:WxH} items, comma-separated, each followed by any of a
 * format, a quality ({@code q80}) and a fit, in any order. A malformed value is refused with one
 * line that quotes the malformed part as written.
 */
public final class Renditions {

    /** The setting's name, for messages. */
    public static final String SETTING = "THUMBNAIL_RENDITIONS (thumbnail.renditions)";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern BOX = Pattern.compile("([0-9]{1,5})x([0-9]{1,5})");
    private static final Pattern QUALITY = Pattern.compile("q([0-9]{1,3})");
    /** Large enough for any screen, small enough that a box cannot ask for a giant render. */
    static final int MAX_SIDE = 8192;

    private Renditions() {
    }

    /**
     * @return the renditions in the order written; empty for a blank value (renditions unset)
     * @throws InvalidSettingsException naming the first malformed part
     */
    public static List<Rendition> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Rendition> renditions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String item : value.split(",", -1)) {
            Rendition rendition = item(item.trim());
            if (!names.add(rendition.name())) {
                throw invalid("names rendition '" + rendition.name() + "' twice; each name must be unique");
            }
            renditions.add(rendition);
        }
        return List.copyOf(renditions);
    }

    private static Rendition item(String item) {
        if (item.isEmpty()) {
            throw invalid("has an empty item (two commas, or a comma at an end)");
        }
        String[] parts = item.split(":", -1);
        if (!NAME.matcher(parts[0]).matches()) {
            throw invalid("has '" + parts[0] + "' where a name goes: 1-32 of a-z, 0-9 and '-', starting with a "
                    + "letter or digit (in '" + item + "')");
        }
        if (parts.length < 2) {
            throw invalid("has '" + item + "' without a box: write NAME:WIDTHxHEIGHT, such as " + parts[0]
                    + ":640x640");
        }
        Matcher box = BOX.matcher(parts[1]);
        if (!box.matches()) {
            throw invalid("has '" + parts[1] + "' where a box goes: WIDTHxHEIGHT in pixels, such as 640x640 (in '"
                    + item + "')");
        }
        int width = Integer.parseInt(box.group(1));
        int height = Integer.parseInt(box.group(2));
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw invalid("has box '" + parts[1] + "': each side must be 1 to " + MAX_SIDE + " pixels (in '"
                    + item + "')");
        }
        RenditionFormat format = null;
        Integer quality = null;
        Fit fit = null;
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i];
            RenditionFormat asFormat = formatOf(part);
            Fit asFit = fitOf(part);
            Matcher asQuality = QUALITY.matcher(part);
            if (asFormat != null) {
                format = once(format, asFormat, "format", part, item);
            } else if (asFit != null) {
                fit = once(fit, asFit, "fit", part, item);
            } else if (asQuality.matches()) {
                int q = Integer.parseInt(asQuality.group(1));
                if (q < 1 || q > 100) {
                    throw invalid("has quality '" + part + "': it must be q1 to q100 (in '" + item + "')");
                }
                quality = once(quality, q, "quality", part, item);
            } else {
                throw invalid("has '" + part + "', which is not a format (same, jpeg, png, webp, avif), a quality "
                        + "(q1 to q100) or a fit (inside, cover) (in '" + item + "')");
            }
        }
        RenditionFormat chosen = format == null ? RenditionFormat.SAME : format;
        return new Rendition(parts[0], width, height, chosen, quality == null ? chosen.defaultQuality() : quality,
                fit == null ? Fit.INSIDE : fit);
    }

    private static <T> T once(T already, T value, String what, String part, String item) {
        if (already != null) {
            throw invalid("has a second " + what + " '" + part + "' (in '" + item + "')");
        }
        return value;
    }

    private static RenditionFormat formatOf(String part) {
        for (RenditionFormat format : RenditionFormat.values()) {
            if (format.word().equals(part)) {
                return format;
            }
        }
        return null;
    }

    private static Fit fitOf(String part) {
        for (Fit fit : Fit.values()) {
            if (fit.name().toLowerCase(Locale.ROOT).equals(part)) {
                return fit;
            }
        }
        return null;
    }

    private static InvalidSettingsException invalid(String what) {
        return new InvalidSettingsException(SETTING + " " + what);
    }
}
