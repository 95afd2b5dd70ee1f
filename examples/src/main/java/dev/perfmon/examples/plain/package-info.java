/**
 * The framework author's example: a plain servlet application wired to perfmon by hand
 * ({@link dev.perfmon.examples.plain.PlainServletApp}), run embedded by
 * {@link dev.perfmon.examples.plain.PlainServletMain}.
 */
package dev.perfmon.examples.plain;
