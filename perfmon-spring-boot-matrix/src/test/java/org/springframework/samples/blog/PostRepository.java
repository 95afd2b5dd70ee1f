package org.springframework.samples.blog;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

/** Posts; {@link #findAllWithComments()} is the fixed twin of the N+1. */
public interface PostRepository extends JpaRepository<Post, Long> {

    @Query("select distinct p from Post p left join fetch p.comments order by p.id")
    List<Post> findAllWithComments();
}
