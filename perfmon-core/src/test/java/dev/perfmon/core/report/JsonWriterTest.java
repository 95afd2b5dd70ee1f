package dev.perfmon.core.report;

import dev.perfmon.core.report.internal.JsonWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWriterTest {

    @Test
    void writesNestedStructuresThatAStrictParserReadsBack() {
        String json = new JsonWriter().beginObject()
                .name("s").value("quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 é €")
                .name("n").value(1.5)
                .name("i").value(42L)
                .name("whole").value(3.0)
                .name("nan").value(Double.NaN)
                .name("inf").value(Double.POSITIVE_INFINITY)
                .name("b").value(true)
                .name("null").value((String) null)
                .name("empty").beginArray().endArray()
                .name("emptyObject").beginObject().endObject()
                .name("list").beginArray().value(1L).beginObject().name("k").value("v").endObject().endArray()
                .endObject().toJson();

        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) MiniJson.parse(json);
        assertThat(parsed.get("s")).isEqualTo("quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 é €");
        assertThat(parsed.get("n")).isEqualTo(1.5);
        assertThat(parsed.get("whole")).isEqualTo(3.0);
        assertThat(json).contains("\"whole\": 3,", "\"nan\": null", "\"inf\": null", "\\u0000", "\\u0007");
        assertThat(parsed.get("empty")).isEqualTo(List.of());
        assertThat(parsed.get("list")).isEqualTo(List.of(1.0, Map.of("k", "v")));
    }

    @Test
    void markupCharactersAreEscapedSoTheJsonCanSitInAScriptBlock() {
        String json = new JsonWriter().beginArray().value("</script><b>&'\u2028").endArray().toJson();
        assertThat(json).doesNotContain("<", ">", "&", "\u2028").contains("\\u003c/script\\u003e");
        assertThat(MiniJson.parse(json)).isEqualTo(List.of("</script><b>&'\u2028"));
    }

    @Test
    void loneSurrogatesAreEscapedWhilePairsPassThrough() {
        String json = new JsonWriter().beginArray().value("a\uD800b \uD83D\uDE00 \uDC00").endArray().toJson();
        assertThat(json).contains("a\\ud800b", "\uD83D\uDE00", "\\udc00");
        assertThat(MiniJson.parse(json)).isEqualTo(List.of("a\uD800b \uD83D\uDE00 \uDC00"));
    }

    @Test
    void misuseIsAnErrorNotBrokenOutput() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().toJson()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1L).value(2L)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").endObject())
                .isInstanceOf(IllegalStateException.class);
    }
}
