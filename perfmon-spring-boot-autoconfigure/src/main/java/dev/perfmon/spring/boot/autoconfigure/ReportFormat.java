package dev.perfmon.spring.boot.autoconfigure;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/** The formats of the {@code perfmon} endpoint, chosen from the {@code Accept} header; JSON by default. */
public enum ReportFormat implements Producible<ReportFormat> {

    /** The report's JSON. */
    JSON(MimeTypeUtils.APPLICATION_JSON),

    /** The text report, as the demo prints it. */
    TEXT(new MimeType("text", "plain", java.nio.charset.StandardCharsets.UTF_8));

    private final MimeType type;

    ReportFormat(MimeType type) {
        this.type = type;
    }

    @Override
    public MimeType getProducedMimeType() {
        return type;
    }

    @Override
    public boolean isDefault() {
        return this == JSON;
    }
}
