package io.thumbctl.cli.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many keys guard explained, and how many got each decision; the {@code summary} of
 * {@code --output json}.
 *
 * @param decisions count per decision as printed: {@code process}, {@code skip not-an-image}, ...
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GuardSummary(long keys, Map<String, Long> decisions) {

    /** The text form: a blank line, then {@code decision: count} per decision. */
    List<String> text() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        decisions.forEach((decision, n) -> lines.add(decision + ": " + n));
        return lines;
    }
}
