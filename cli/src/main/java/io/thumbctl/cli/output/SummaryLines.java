package io.thumbctl.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text form of a command's summary: a blank line, a heading, then one indented line per
 * figure with the labels in one column, as backfill and verify print them:
 * <pre>
 *   up to date     12
 *   skipped        3 (folder-marker 1, not-an-image 2)
 * </pre>
 */
public final class SummaryLines {

    private final String labelFormat;
    private final List<String> lines = new ArrayList<>();

    /** @param labelWidth the width of the label column; the longest label plus two spaces reads well */
    public SummaryLines(String heading, int labelWidth) {
        this.labelFormat = "  %-" + labelWidth + "s%s";
        lines.add("");
        lines.add(heading);
    }

    /** {@code label value}, the value as it prints. */
    public SummaryLines figure(String label, Object value) {
        lines.add(String.format(Locale.ROOT, labelFormat, label, value));
        return this;
    }

    /** The total of {@code byReason}, then each reason with its count: {@code 3 (a 1, b 2)}. */
    public SummaryLines counted(String label, Map<String, Long> byReason) {
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        String reasons = byReason.isEmpty() ? "" : byReason.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
        return figure(label, total + reasons);
    }

    /** A line under the figures, indented further: a key that failed, for example. */
    public SummaryLines detail(String text) {
        lines.add("    " + text);
        return this;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
