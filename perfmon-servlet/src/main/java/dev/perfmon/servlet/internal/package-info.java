/** Not API: route resolution, request recording and response wrapping behind the filter. May change in any release. */
@NullMarked
package dev.perfmon.servlet.internal;

import org.jspecify.annotations.NullMarked;
