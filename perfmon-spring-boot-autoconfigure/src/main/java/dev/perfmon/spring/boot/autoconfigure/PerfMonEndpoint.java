package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PerfReporter;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code perfmon} actuator endpoint ({@code /actuator/perfmon}): perfmon's report since the
 * application started, as JSON (the report's own schema) or, for {@code Accept: text/plain}, as
 * the text report. Expose it with {@code management.endpoints.web.exposure.include=perfmon}.
 */
@Endpoint(id = "perfmon")
public class PerfMonEndpoint {

    private final PerfReporter reporter;

    /** @param reporter the reporter whose report is served */
    public PerfMonEndpoint(PerfReporter reporter) {
        this.reporter = reporter;
    }

    /**
     * @param format chosen from the request's {@code Accept} header
     * @return the report since start in that format
     */
    @ReadOperation(producesFrom = ReportFormat.class)
    public WebEndpointResponse<String> report(ReportFormat format) {
        PerfReport report = reporter.report();
        String body = format == ReportFormat.TEXT ? report.toText() : report.toJson();
        return new WebEndpointResponse<>(body, format);
    }
}
