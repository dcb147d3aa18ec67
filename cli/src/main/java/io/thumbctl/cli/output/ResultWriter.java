package io.thumbctl.cli.output;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a command's result to stdout as items are found, so that a listing of millions of keys
 * never has to be held in memory. With {@code --output json} the whole run is one document,
 * {@code {"items":[...],"summary":{...}}}, written incrementally; with text, one line per item
 * and then the summary lines. Safe to call from several threads.
 */
public final class ResultWriter {

    private final OutputMode mode;
    private final PrintWriter out;
    private final JsonMapper json;
    private boolean anyItem;

    public ResultWriter(OutputMode mode, PrintWriter out, JsonMapper json) {
        this.mode = mode;
        this.out = out;
        this.json = json;
        if (mode == OutputMode.JSON) {
            out.print("{\"items\":[");
        }
    }

    /** One result line: {@code view} is what JSON shows, {@code text} what people read. */
    public synchronized void item(Object view, String text) {
        if (mode == OutputMode.JSON) {
            out.print(anyItem ? ",\n" : "\n");
            out.print(write(view));
        } else {
            out.println(text);
        }
        anyItem = true;
    }

    /** Ends the output; call once. */
    public synchronized void summary(Object view, List<String> text) {
        if (mode == OutputMode.JSON) {
            out.print(anyItem ? "\n]," : "],");
            out.print("\"summary\":");
            out.print(write(view));
            out.println("}");
        } else {
            text.forEach(out::println);
        }
        out.flush();
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
