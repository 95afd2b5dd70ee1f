/** Not API: the sampling, ranking and rendering behind the report. May change in any release. */
@NullMarked
package dev.perfmon.core.report.internal;

import org.jspecify.annotations.NullMarked;
