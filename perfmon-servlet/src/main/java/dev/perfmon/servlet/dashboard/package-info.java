/** The dashboard servlet: perfmon's report as a page and as JSON. Nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.perfmon.servlet.dashboard;

import org.jspecify.annotations.NullMarked;
