package org.springframework.samples.blog;

import org.springframework.data.jpa.repository.JpaRepository;

/** Comments. */
public interface CommentRepository extends JpaRepository<Comment, Long> {
}
