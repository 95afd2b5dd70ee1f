package dev.perfmon.spring.boot.autoconfigure;

/** The Spring Cache instrumentation's settings, {@code perfmon.cache.}. */
public class CacheProperties {

    /** Whether every CacheManager bean is decorated (cache.gets hits and misses, puts, evictions, loads, errors). */
    private boolean enabled = true;

    /** Whether concurrent @Cacheable(sync = true) misses of one key share one method call (otherwise overlapping loads are reported as stampedes). */
    private boolean singleFlight = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isSingleFlight() {
        return singleFlight;
    }

    public void setSingleFlight(boolean singleFlight) {
        this.singleFlight = singleFlight;
    }
}
