package dev.perfmon.servlet;

import dev.perfmon.servlet.internal.ClientAborts;
import dev.perfmon.servlet.internal.JsonOut;
import dev.perfmon.servlet.internal.MethodTag;
import dev.perfmon.servlet.internal.StatusTags;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class TagValuesTest {

    @Test
    void methodsAreSpringsEightAndEverythingElseIsUnknown() {
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}) {
            assertThat(MethodTag.of(method).name()).isEqualTo(method);
        }
        for (String method : new String[] {"get", "Get", "PROPFIND", "CONNECT", "", "G E T"}) {
            assertThat(MethodTag.of(method)).isEqualTo(MethodTag.UNKNOWN);
        }
        assertThat(MethodTag.of(null)).isEqualTo(MethodTag.UNKNOWN);
    }

    @Test
    void statusesOutside100To599AreUnknownAndOutcomesFollowSpring() {
        assertThat(StatusTags.status(StatusTags.canonical(204))).isEqualTo("204");
        assertThat(StatusTags.status(StatusTags.canonical(99))).isEqualTo("UNKNOWN");
        assertThat(StatusTags.status(StatusTags.canonical(600))).isEqualTo("UNKNOWN");
        assertThat(StatusTags.outcome(StatusTags.canonical(101))).isEqualTo("INFORMATIONAL");
        assertThat(StatusTags.outcome(StatusTags.canonical(200))).isEqualTo("SUCCESS");
        assertThat(StatusTags.outcome(StatusTags.canonical(304))).isEqualTo("REDIRECTION");
        assertThat(StatusTags.outcome(StatusTags.canonical(499))).isEqualTo("CLIENT_ERROR");
        assertThat(StatusTags.outcome(StatusTags.canonical(503))).isEqualTo("SERVER_ERROR");
        assertThat(StatusTags.outcome(StatusTags.canonical(-3))).isEqualTo("UNKNOWN");
    }

    @Test
    void clientAbortsAreRecognisedAnywhereInTheCauseChainAndOtherIoFailuresAreNot() {
        assertThat(ClientAborts.isClientAbort(new IOException("Broken pipe"))).isTrue();
        assertThat(ClientAborts.isClientAbort(new RuntimeException(new IOException("Connection reset by peer")))).isTrue();
        assertThat(ClientAborts.isClientAbort(new IOException("disk full"))).isFalse();
        assertThat(ClientAborts.isClientAbort(new IllegalStateException("Broken pipe"))).isFalse();
        assertThat(ClientAborts.isClientAbort(null)).isFalse();
    }

    @Test
    void jsonStringsAreEscapedForJsonAndHtmlAndNonFiniteNumbersAreNull() {
        String nasty = "a\"b\\c\n</script><b>&\u2028\u0001";
        String json = JsonOut.string(new StringBuilder(), nasty).toString();
        assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\n");
        assertThat(MiniJson.parse(json)).isEqualTo(nasty);
        assertThat(JsonOut.number(new StringBuilder(), Double.NaN).toString()).isEqualTo("null");
        assertThat(JsonOut.number(new StringBuilder(), Double.POSITIVE_INFINITY).toString()).isEqualTo("null");
        assertThat(JsonOut.number(new StringBuilder(), 3.0).toString()).isEqualTo("3");
        assertThat(JsonOut.number(new StringBuilder(), 0.25).toString()).isEqualTo("0.25");
        assertThat(MiniJson.parse("{\"a\":" + JsonOut.string(new StringBuilder(), null) + "}")).isEqualTo(
                java.util.Collections.singletonMap("a", null));
    }
}
