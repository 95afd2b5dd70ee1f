/**
 * The report's extension point: a module contributes a {@link dev.perfmon.core.report.spi.Diagnosis}
 * that ranks its findings and meters as bottlenecks, adds its rows to the report and names the
 * counters that count its findings. Register one with {@code perfMon.diagnoses().register(...)}.
 */
package dev.perfmon.core.report.spi;
