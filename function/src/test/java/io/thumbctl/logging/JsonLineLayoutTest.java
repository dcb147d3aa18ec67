package io.thumbctl.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineLayoutTest {

    @Test
    void outcomeLine_isOneJsonObject_withTheContractFields() throws Exception {
        Logger logger = new LoggerContext().getLogger("io.thumbctl.outcome");
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "failed \"s3://b/k\"\n: corrupt", null, null);
        event.setKeyValuePairs(List.of(new KeyValuePair("bucket", "photos"),
                new KeyValuePair("key", "a \"quoted\"\\ key\t😀.jpg"), new KeyValuePair("outcome", "failed"),
                new KeyValuePair("reason", "corrupt")));
        event.setMDCPropertyMap(Map.of("requestId", "req-1"));

        String line = new JsonLineLayout().doLayout(event);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start()) {
            JsonNode json = context.getBean(JsonMapper.class).readValue(line, JsonNode.class);
            assertThat(json.get("level").getStringValue()).isEqualTo("WARN");
            assertThat(json.get("message").getStringValue()).isEqualTo("failed \"s3://b/k\"\n: corrupt");
            assertThat(json.get("bucket").getStringValue()).isEqualTo("photos");
            assertThat(json.get("key").getStringValue()).isEqualTo("a \"quoted\"\\ key\t😀.jpg");
            assertThat(json.get("outcome").getStringValue()).isEqualTo("failed");
            assertThat(json.get("reason").getStringValue()).isEqualTo("corrupt");
            assertThat(json.get("requestId").getStringValue()).isEqualTo("req-1");
        }
    }
}
