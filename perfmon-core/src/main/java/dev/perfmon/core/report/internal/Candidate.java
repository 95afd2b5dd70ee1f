package dev.perfmon.core.report.internal;

/** One possible bottleneck before ranking: its kind, route, score and the text shown for it. */
record Candidate(String kind, String route, double score, String reason, String action) {
}
