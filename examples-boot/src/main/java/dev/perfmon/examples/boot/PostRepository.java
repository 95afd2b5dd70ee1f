package dev.perfmon.examples.boot;

import org.springframework.data.jpa.repository.JpaRepository;

/** Posts. */
public interface PostRepository extends JpaRepository<Post, Long> {
}
