/** Not API: the timed loaders and error classification behind the cache decorator. May change in any release. */
@NullMarked
package dev.perfmon.spring.cache.internal;

import org.jspecify.annotations.NullMarked;
