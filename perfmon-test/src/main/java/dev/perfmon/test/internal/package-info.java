/** Not API: budgets, failure messages and the Spring context lookup behind the extension. May change in any release. */
@NullMarked
package dev.perfmon.test.internal;

import org.jspecify.annotations.NullMarked;
