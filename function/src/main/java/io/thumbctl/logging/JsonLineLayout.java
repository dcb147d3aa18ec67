package io.thumbctl.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.Map;

/**
 * One JSON object a line: {@code timestamp}, {@code level}, {@code logger}, {@code message}, then
 * the event's key-value pairs and MDC entries as top-level fields (so {@code bucket}, {@code key},
 * {@code outcome} are queryable in CloudWatch Logs Insights), then {@code error} for a throwable.
 * Ours, not a library's: logback-classic's {@code JsonEncoder} (1.5.32 here) writes a different
 * shape (epoch-millisecond {@code timestamp}, {@code loggerName}, MDC under {@code mdc}, key-value
 * pairs as a {@code kvpList} array of one-entry objects), so {@code outcome}, {@code bucket},
 * {@code key}, {@code reason} would no longer be top-level fields for CloudWatch queries; and
 * logstash-logback-encoder, which can write this shape, needs jackson-databind, which the function
 * excludes for its cold start (function/pom.xml).
 */
public class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(line, "level", event.getLevel().toString());
        field(line, "logger", event.getLoggerName());
        field(line, "message", event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                if (pair.value != null) {
                    field(line, pair.key, pair.value.toString());
                }
            }
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((k, v) -> field(line, k, v));
        }
        if (event.getThrowableProxy() != null) {
            field(line, "error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return line.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        if (line.length() > 1) {
            line.append(',');
        }
        quote(line, name);
        line.append(':');
        quote(line, value);
    }

    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
