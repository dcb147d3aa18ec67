package io.thumbctl.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links and heading anchors of Markdown files, as GitHub renders them, and the relative links
 * among them that lead nowhere. Text inside fenced code blocks and code spans is neither a
 * heading nor a link, exactly as on GitHub; links with a scheme ({@code https:}, {@code mailto:})
 * are left to the reader.
 */
final class MarkdownLinks {

    /** A relative link that does not resolve, and why. */
    record Broken(Path file, int line, String target, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": (" + target + ") " + why;
        }
    }

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(\\s+#+)?\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    // [text](target) and ![alt](target), with an optional "title"
    private static final Pattern INLINE_LINK = Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    // [label]: target
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    /** Every relative link in {@code files} whose file or heading anchor does not exist. */
    List<Broken> brokenLinks(List<Path> files) {
        List<Broken> broken = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = codeFree(read(file));
            for (int i = 0; i < lines.size(); i++) {
                for (String target : targets(lines.get(i))) {
                    String why = check(file, target);
                    if (why != null) {
                        broken.add(new Broken(file, i + 1, target, why));
                    }
                }
            }
        }
        return broken;
    }

    /** The link targets on one line, code spans already removed. */
    static List<String> targets(String line) {
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(line);
        while (inline.find()) {
            targets.add(inline.group(1));
        }
        Matcher reference = REFERENCE.matcher(line);
        if (reference.matches()) {
            targets.add(reference.group(1));
        }
        return targets;
    }

    /** @return why {@code target}, written in {@code from}, leads nowhere; {@code null} if it resolves */
    private String check(Path from, String target) {
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from
                : from.toAbsolutePath().getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(resolved)) {
            return "no such file: " + resolved;
        }
        if (fragment == null) {
            return null;
        }
        if (!resolved.getFileName().toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        Set<String> anchors = anchorsByFile.computeIfAbsent(resolved.toAbsolutePath().normalize(), MarkdownLinks::anchors);
        return anchors.contains(fragment) ? null : "no heading with anchor #" + fragment + " in " + resolved;
    }

    /** The anchors GitHub gives the headings of a file, in order, duplicates numbered. */
    static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutFencedCode(read(file))) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = anchor(heading.group(1));
                int n = seen.merge(anchor, 1, Integer::sum);
                anchors.add(n == 1 ? anchor : anchor + "-" + (n - 1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: the rendered text (link targets and code backticks dropped),
     * lower-cased, with everything but letters, digits, spaces, hyphens and underscores removed,
     * and each space turned into a hyphen.
     */
    static String anchor(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        StringBuilder anchor = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (c == ' ') {
                anchor.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_'
                    || Character.getType(c) == Character.NON_SPACING_MARK) {
                anchor.appendCodePoint(c);
            }
        });
        return anchor.toString();
    }

    /** The lines with fenced blocks blanked and code spans removed, so line numbers still match. */
    private static List<String> codeFree(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : withoutFencedCode(lines)) {
            out.add(CODE_SPAN.matcher(line).replaceAll(""));
        }
        return out;
    }

    private static List<String> withoutFencedCode(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        String fence = null;
        for (String line : lines) {
            Matcher m = FENCE.matcher(line);
            if (fence == null && m.find()) {
                fence = m.group(1);
                out.add("");
            } else if (fence != null) {
                if (line.trim().startsWith(fence)) {
                    fence = null;
                }
                out.add("");
            } else {
                out.add(line);
            }
        }
        return out;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
