package dev.perfmon.core.report;

import java.util.Objects;

/**
 * Gets of one cache over the report's window, as the cache module fills it in through its
 * {@link dev.perfmon.core.report.spi.Diagnosis} (perfmon-cache: from Micrometer's cache gets
 * counter, tagged cache and result).
 *
 * @param cache the cache name, or {@code all}
 * @param hits gets that found a value
 * @param misses gets that did not
 * @param hitRatio hits over gets (NaN without gets)
 */
public record CacheSummary(String cache, long hits, long misses, double hitRatio) {

    public CacheSummary {
        Objects.requireNonNull(cache, "cache");
    }
}
