/** A Spring Boot application using perfmon through the starter alone, for the end-to-end tests. */
package org.springframework.samples.blog;
