package dev.perfmon.jdbc.corpus;

import org.springframework.data.jpa.repository.JpaRepository;

/** The Spring Data JPA repository of {@link Owner}, as an application declares it. */
public interface OwnerRepository extends JpaRepository<Owner, Long> {
}
