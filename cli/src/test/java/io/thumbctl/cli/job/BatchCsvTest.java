package io.thumbctl.cli.job;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchCsvTest {

    static String row(String version, String code, String message) throws IOException {
        StringBuilder out = new StringBuilder();
        BatchCsv.reportRow(out, "photos", "a%20b.jpg", version, "failed", "200", code, message);
        return out.toString();
    }

    @Test
    void reportRow_quotesTheMessageOnly_asAwsReportsDo() throws IOException {
        // The bytes local mode wrote before Commons CSV wrote them, each kind of message once.
        assertThat(row(null, "PermanentFailure", "corrupt: not an image"))
                .isEqualTo("photos,a%20b.jpg,,failed,200,PermanentFailure,\"corrupt: not an image\"\n");
        assertThat(row("v1", "", "created")).isEqualTo("photos,a%20b.jpg,v1,failed,200,,\"created\"\n");
        assertThat(row(null, "TemporaryFailure", null)).isEqualTo("photos,a%20b.jpg,,failed,200,TemporaryFailure,\n");
        assertThat(row(null, "TemporaryFailure", "")).isEqualTo("photos,a%20b.jpg,,failed,200,TemporaryFailure,\n");
        assertThat(row(null, "PermanentFailure", "Lambda returned function error: {\"errorMessage\":\"a, b\"}"))
                .isEqualTo("photos,a%20b.jpg,,failed,200,PermanentFailure,"
                        + "\"Lambda returned function error: {\"\"errorMessage\"\":\"\"a, b\"\"}\"\n");
        assertThat(row(null, "PermanentFailure", "two\nlines, é")).isEqualTo(
                "photos,a%20b.jpg,,failed,200,PermanentFailure,\"two\nlines, é\"\n");
    }

    @Test
    void read_handlesQuotedCommasQuotesAndLineBreaks_andSkipsBlankLines() throws IOException {
        List<CSVRecord> rows = BatchCsv.READ.parse(new StringReader("a,\"b,c\",\"d\"\"e\"\r\n\n\"f\ng\",,\n")).getRecords();

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).toList()).containsExactly("a", "b,c", "d\"e");
        assertThat(rows.get(1).toList()).containsExactly("f\ng", "", "");
    }

    @Test
    void whatReportRowWrites_readsBack() throws IOException {
        String message = "say \"hi\", twice\nand \"\" more";

        CSVRecord record = BatchCsv.READ.parse(new StringReader(row("v", "PermanentFailure", message))).getRecords().get(0);

        assertThat(record.toList()).containsExactly("photos", "a%20b.jpg", "v", "failed", "200", "PermanentFailure", message);
    }
}
