/**
 * Not API: the pieces behind perfmon's auto-configuration (settings translation and validation,
 * the DataSource post-processor, the JVM binders, the Hibernate switch). May change in any release.
 */
@NullMarked
package dev.perfmon.spring.boot.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
