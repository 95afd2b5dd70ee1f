package dev.perfmon.jdbc.corpus;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.SourceLines;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.EntityGraph;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of Hibernate scenarios: each case runs a real Hibernate application (the pet
 * {@link Clinic}) on HikariCP over H2 and PostgreSQL and states the verdict the detector must
 * reach (an N+1 naming its association, a duplicate, or nothing), the round trips that prove
 * what ran, and the application line the finding points at. Cases that must stay silent run in
 * strict mode (an N+1 from 2 executions, a duplicate from 2) unless the case is about the
 * default thresholds.
 */
class HibernateCorpusTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);
    private Clinic clinic;

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private Clinic clinic(TestDatabase db, NPlusOneConfig config) {
        clinic = Clinic.on(db);
        clinic.use(PerfMonDataSource.builder(clinic.pool, perfMon).name("clinic").nPlusOne(config).build());
        return clinic;
    }

    @AfterEach
    void tearDown() {
        if (clinic != null) {
            clinic.use(clinic.pool);
        }
        recorder.close();
        perfMon.close();
    }

    // ---- associations loaded one row at a time: N+1 ----------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lazyOneToManyLoop(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners"); Session session = clinic.sessions.openSession()) {
            int pets = 0;
            for (Owner owner : session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList()) {
                pets += owner.getPets().size();
            }
            assertThat(pets).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners", "Owner.pets", Clinic.OWNERS,
                site("lazyOneToManyLoop", "pets += owner.getPets().size()")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lazyManyToOneLoop(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /pets"); Session session = clinic.sessions.openSession()) {
            List<String> owners = new ArrayList<>();
            for (Pet pet : session.createQuery("select p from Pet p join fetch p.type order by p.id", Pet.class)
                    .getResultList()) {
                owners.add(pet.getOwner().getName());
            }
            assertThat(owners).hasSize(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // One statement per distinct owner: the persistence context serves the second pet of each.
        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /pets", "Pet.owner", Clinic.OWNERS,
                site("lazyManyToOneLoop", "owners.add(pet.getOwner().getName())")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eagerManyToOneTheQueryDoesNotFetchIsLoadedPerRow(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /pets"); Session session = clinic.sessions.openSession()) {
            List<Pet> pets = session.createQuery("select p from Pet p order by p.id", Pet.class).getResultList();
            assertThat(pets).hasSize(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Hibernate resolves the eager Pet.type right after the query: one statement per distinct type.
        assertThat(statements).isEqualTo(1 + Clinic.TYPES);
        Expected.nPlusOne("GET /pets", "Pet.type", Clinic.TYPES,
                site("eagerManyToOneTheQueryDoesNotFetchIsLoadedPerRow", "createQuery(\"select p from Pet p order by p.id\""))
                .verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void manyToManyLoop(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /vets"); Session session = clinic.sessions.openSession()) {
            int specialties = 0;
            for (Vet vet : session.createQuery("select v from Vet v order by v.id", Vet.class).getResultList()) {
                specialties += vet.getSpecialties().size();
            }
            assertThat(specialties).isEqualTo(2 * Clinic.VETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.VETS);
        Expected.nPlusOne("GET /vets", "Vet.specialties", Clinic.VETS,
                site("manyToManyLoop", "specialties += vet.getSpecialties().size()")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lazyOwningOneToOneLoop(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/cards"); Session session = clinic.sessions.openSession()) {
            List<String> cards = new ArrayList<>();
            for (Owner owner : session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList()) {
                cards.add(owner.getCard().getNumber());
            }
            assertThat(cards).hasSize(Clinic.OWNERS).contains("card-1", "card-10");
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/cards", "Owner.card", Clinic.OWNERS,
                site("lazyOwningOneToOneLoop", "cards.add(owner.getCard().getNumber())")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inverseOneToOneIsLoadedPerRowByTheQuery(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /cards"); Session session = clinic.sessions.openSession()) {
            List<LoyaltyCard> cards = session.createQuery("select c from LoyaltyCard c order by c.id",
                    LoyaltyCard.class).getResultList();
            assertThat(cards).extracting(card -> card.getOwner().getName()).contains("owner-1", "owner-10");
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // The inverse side cannot be a proxy: Hibernate looks each card's owner up by its card_id right
        // after the query. No load event names it; the statement (by exactly the owning unique key) does.
        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /cards", "LoyaltyCard.owner", Clinic.OWNERS,
                site("inverseOneToOneIsLoadedPerRowByTheQuery", "LoyaltyCard.class).getResultList()")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void elementCollectionLoop(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/phones"); Session session = clinic.sessions.openSession()) {
            int phones = 0;
            for (Owner owner : session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList()) {
                phones += owner.getPhones().size();
            }
            assertThat(phones).isEqualTo(2 * Clinic.OWNERS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/phones", "Owner.phones", Clinic.OWNERS,
                site("elementCollectionLoop", "phones += owner.getPhones().size()")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void findInALoop(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/selected"); Session session = clinic.sessions.openSession()) {
            for (long id = 1; id <= Clinic.OWNERS; id++) {
                assertThat(session.find(Owner.class, id).getName()).isEqualTo("owner-" + id);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/selected", "find(Owner)", Clinic.OWNERS,
                site("findInALoop", "assertThat(session.find(Owner.class, id)")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void getReferenceThenReadInALoopIsALookupByIdNotAnAssociation(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/named"); Session session = clinic.sessions.openSession()) {
            for (long id = 1; id <= Clinic.OWNERS; id++) {
                assertThat(session.getReference(Owner.class, id).getName()).isEqualTo("owner-" + id);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // No entity holds these proxies: naming a to-one association (Pet.owner targets Owner) would be wrong.
        assertThat(statements).isEqualTo(Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/named", "find(Owner)", Clinic.OWNERS,
                site("getReferenceThenReadInALoopIsALookupByIdNotAnAssociation",
                        "assertThat(session.getReference(Owner.class, id)")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoAssociationsInOneLoopAreTwoFindings(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/contacts"); Session session = clinic.sessions.openSession()) {
            int pets = 0;
            int phones = 0;
            for (Owner owner : session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList()) {
                pets += owner.getPets().size();
                phones += owner.getPhones().size();
            }
            assertThat(pets).isEqualTo(Clinic.PETS);
            assertThat(phones).isEqualTo(2 * Clinic.OWNERS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + 2 * Clinic.OWNERS);
        String method = "twoAssociationsInOneLoopAreTwoFindings";
        Expected.verify(recorder,
                Expected.nPlusOne("GET /owners/contacts", "Owner.pets", Clinic.OWNERS,
                        site(method, "pets += owner.getPets().size()")),
                Expected.nPlusOne("GET /owners/contacts", "Owner.phones", Clinic.OWNERS,
                        site(method, "phones += owner.getPhones().size()")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nativeQueryPerRowHasNoAssociation(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/pet-names"); Session session = clinic.sessions.openSession()) {
            int names = 0;
            for (Owner owner : session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList()) {
                names += session.createNativeQuery("select name from corpus_pets where owner_id = :owner order by id",
                        String.class).setParameter("owner", owner.getId()).getResultList().size();
            }
            assertThat(names).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/pet-names", null, Clinic.OWNERS,
                site("nativeQueryPerRowHasNoAssociation", ".setParameter(\"owner\", owner.getId()).getResultList()"))
                .statement("select name from corpus_pets where owner_id = ? order by id").verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void queryPerRowHasNoAssociation(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/pets"); Session session = clinic.sessions.openSession()) {
            int pets = 0;
            for (Owner owner : session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList()) {
                pets += session.createQuery("select p from Pet p join fetch p.type where p.owner = :owner", Pet.class)
                        .setParameter("owner", owner).getResultList().size();
            }
            assertThat(pets).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // A query per row loads no association: the finding names none.
        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/pets", null, Clinic.OWNERS,
                site("queryPerRowHasNoAssociation", ".setParameter(\"owner\", owner).getResultList()")).verify(recorder);
    }

    // ---- fetched up front: nothing --------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void joinFetchLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /vets"); Session session = clinic.sessions.openSession()) {
            int specialties = 0;
            for (Vet vet : session.createQuery("select distinct v from Vet v left join fetch v.specialties order by v.id",
                    Vet.class).getResultList()) {
                specialties += vet.getSpecialties().size();
            }
            assertThat(specialties).isEqualTo(2 * Clinic.VETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void entityGraphLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/phones"); Session session = clinic.sessions.openSession()) {
            EntityGraph<Owner> graph = session.createEntityGraph(Owner.class);
            graph.addAttributeNodes("phones");
            int phones = 0;
            for (Owner owner : session.createQuery("select o from Owner o order by o.id", Owner.class)
                    .setHint("jakarta.persistence.fetchgraph", graph).getResultList()) {
                phones += owner.getPhones().size();
            }
            assertThat(phones).isEqualTo(2 * Clinic.OWNERS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void batchSizeOnACollectionOfAListLoadedAtOnceLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /vets/visits"); Session session = clinic.sessions.openSession()) {
            int visits = 0;
            for (Vet vet : session.createQuery("select v from Vet v order by v.id", Vet.class).getResultList()) {
                visits += vet.getVisits().size();
            }
            assertThat(visits).isEqualTo(Clinic.VISITS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // @BatchSize(size = 4) on Vet.visits: the visits of 6 vets in 2 round trips.
        assertThat(statements).isEqualTo(1 + 2);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void batchSizeOnAnEntityResolvesProxiesInBatchesAndLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /visits"); Session session = clinic.sessions.openSession()) {
            List<String> vets = new ArrayList<>();
            for (Visit visit : session.createQuery("select v from Visit v order by v.id", Visit.class).getResultList()) {
                vets.add(visit.getVet().getName());
            }
            assertThat(vets).hasSize(Clinic.VISITS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // @BatchSize(size = 4) on Vet: 6 vet proxies resolved in 2 round trips.
        assertThat(statements).isEqualTo(1 + 2);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void batchSizeDoesNotHideEntitiesFoundOneAtATime(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /vets/selected"); Session session = clinic.sessions.openSession()) {
            for (long id = 1; id <= Clinic.VETS; id++) {
                assertThat(session.find(Vet.class, id).getName()).isEqualTo("vet-" + id);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Vet is mapped with @BatchSize(size = 4), but each round trip carries the one key asked for.
        assertThat(statements).isEqualTo(Clinic.VETS);
        Expected.nPlusOne("GET /vets/selected", "find(Vet)", Clinic.VETS,
                site("batchSizeDoesNotHideEntitiesFoundOneAtATime", "assertThat(session.find(Vet.class, id)"))
                .verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void subselectFetchLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /pets/visits"); Session session = clinic.sessions.openSession()) {
            int visits = 0;
            for (Pet pet : session.createQuery("select p from Pet p join fetch p.type order by p.id", Pet.class)
                    .getResultList()) {
                visits += pet.getVisits().size();
            }
            assertThat(visits).isEqualTo(Clinic.VISITS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // @Fetch(SUBSELECT) on Pet.visits: the first touch loads the visits of every pet of the query.
        assertThat(statements).isEqualTo(1 + 1);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void multiLoadLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/selected"); Session session = clinic.sessions.openSession()) {
            List<Long> ids = new ArrayList<>();
            for (long id = 1; id <= Clinic.OWNERS; id++) {
                ids.add(id);
            }
            assertThat(session.byMultipleIds(Owner.class).multiLoad(ids)).extracting(Owner::getName)
                    .contains("owner-1", "owner-10").hasSize(Clinic.OWNERS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1);
        Expected.nothing().verify(recorder);
    }

    // ---- writes: nothing ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void jdbcBatchedInsertsLeaveNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("POST /visits/import"); Session session = clinic.sessions.openSession()) {
            session.setJdbcBatchSize(20);
            Transaction tx = session.beginTransaction();
            for (long id = 1001; id <= 1100; id++) {
                session.persist(new Visit(id, "imported-" + id, null, null));
            }
            session.flush();
            tx.rollback();
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // 100 inserts in 5 JDBC batches of 20.
        assertThat(statements).isEqualTo(5);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sequenceGeneratedIdsLeaveNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("POST /readings"); Session session = clinic.sessions.openSession()) {
            session.setJdbcBatchSize(25);
            Transaction tx = session.beginTransaction();
            for (int i = 0; i < 100; i++) {
                session.persist(new Reading(1000 + i));
            }
            session.flush();
            tx.rollback();
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Allocation size 1: one sequence call per row, then 4 batches of 25 inserts.
        assertThat(statements).isEqualTo(100 + 4);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void identityInsertsOneRowAtATimeLeaveNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("POST /audit"); Session session = clinic.sessions.openSession()) {
            session.setJdbcBatchSize(20);
            Transaction tx = session.beginTransaction();
            for (int i = 0; i < 100; i++) {
                session.persist(new AuditEntry("action-" + i));
            }
            session.flush();
            tx.rollback();
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // An identity id is known only after its insert: 100 single-row inserts, whatever the batch size.
        assertThat(statements).isEqualTo(100);
        Expected.nothing().verify(recorder);
    }

    // ---- repetition -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sameQueryTwiceIsADuplicate(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /dashboard"); Session session = clinic.sessions.openSession()) {
            for (int widget = 0; widget < 2; widget++) {
                assertThat(session.createQuery("select o from Owner o where o.name = :name", Owner.class)
                        .setParameter("name", "owner-3").getSingleResult().getId()).isEqualTo(3L);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(2);
        Expected.duplicate("GET /dashboard", null, 2,
                site("sameQueryTwiceIsADuplicate", ".setParameter(\"name\", \"owner-3\")")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void repeatedFindOfOneIdIsServedByThePersistenceContext(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/3"); Session session = clinic.sessions.openSession()) {
            for (int widget = 0; widget < 5; widget++) {
                assertThat(session.find(Owner.class, 3L).getName()).isEqualTo("owner-3");
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void oneAssociationFromTwoCallSitesIsOneFinding(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        try (RequestScope scope = perfMon.openScope("GET /owners/split"); Session session = clinic.sessions.openSession()) {
            List<Owner> owners = session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList();
            int pets = 0;
            for (Owner owner : owners.subList(0, 3)) {
                pets += owner.getPets().size();
            }
            for (Owner owner : owners.subList(3, 6)) {
                pets += owner.getPets().isEmpty() ? 0 : owner.getPets().size();
            }
            assertThat(pets).isEqualTo(6 * Clinic.PETS_PER_OWNER);
        }

        // 3 + 3 loads of Owner.pets: each place alone stays below the threshold of 5.
        String method = "oneAssociationFromTwoCallSitesIsOneFinding";
        Expected.nPlusOne("GET /owners/split", "Owner.pets", 6, null)
                .fromCallSites(site(method, "pets += owner.getPets().size()"), 3,
                        site(method, "pets += owner.getPets().isEmpty()"), 3)
                .verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void loopBelowTheThresholdLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/top"); Session session = clinic.sessions.openSession()) {
            int pets = 0;
            for (Owner owner : session.createQuery("select o from Owner o where o.id <= 4 order by o.id", Owner.class)
                    .getResultList()) {
                pets += owner.getPets().size();
            }
            assertThat(pets).isEqualTo(4 * Clinic.PETS_PER_OWNER);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // 4 lazy loads: one short of the default threshold of 5.
        assertThat(statements).isEqualTo(1 + 4);
        Expected.nothing().verify(recorder);
    }

    // ---- paging and cursors -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void offsetPagingLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("job:export-owners"); Session session = clinic.sessions.openSession()) {
            List<Owner> all = new ArrayList<>();
            for (int page = 0; page < 4; page++) {
                all.addAll(session.createQuery("select o from Owner o order by o.id", Owner.class)
                        .setFirstResult(page * 3).setMaxResults(3).getResultList());
            }
            assertThat(all).extracting(Owner::getId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(4);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keysetPagingLeavesNothing(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("job:export-owners"); Session session = clinic.sessions.openSession()) {
            List<Long> ids = new ArrayList<>();
            long after = 0;
            List<Owner> page;
            do {
                page = session.createQuery("select o from Owner o where o.id > :after order by o.id", Owner.class)
                        .setParameter("after", after).setMaxResults(3).getResultList();
                for (Owner owner : page) {
                    ids.add(owner.getId());
                    after = owner.getId();
                }
            } while (page.size() == 3);
            assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(4);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void scrollWithALazyCollectionTouchedPerRow(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("job:vet-report"); Session session = clinic.sessions.openSession()) {
            // In a transaction, as a scroll must be: the lazy loads then share the scroll's connection.
            Transaction tx = session.beginTransaction();
            ScrollableResults<Vet> vets = session.createQuery("select v from Vet v order by v.id", Vet.class).scroll();
            int specialties = 0;
            while (vets.next()) {
                specialties += vets.get().getSpecialties().size();
            }
            vets.close();
            tx.commit();
            assertThat(specialties).isEqualTo(2 * Clinic.VETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.VETS);
        Expected.nPlusOne("job:vet-report", "Vet.specialties", Clinic.VETS,
                site("scrollWithALazyCollectionTouchedPerRow", "specialties += vets.get().getSpecialties().size()"))
                .verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void resultStreamWithALazyCollectionTouchedPerRow(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("job:owner-report"); Session session = clinic.sessions.openSession()) {
            Transaction tx = session.beginTransaction();
            int pets = 0;
            try (Stream<Owner> owners = session.createQuery("select o from Owner o order by o.id", Owner.class)
                    .getResultStream()) {
                for (Owner owner : (Iterable<Owner>) owners::iterator) {
                    pets += owner.getPets().size();
                }
            }
            tx.commit();
            assertThat(pets).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("job:owner-report", "Owner.pets", Clinic.OWNERS,
                site("resultStreamWithALazyCollectionTouchedPerRow", "pets += owner.getPets().size()")).verify(recorder);
    }

    // ---- scopes -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void openSessionInViewLoadsAfterTheServiceReturned(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        String page;
        try (RequestScope scope = perfMon.openScope("GET /owners"); Session session = clinic.sessions.openSession()) {
            List<Owner> owners = listOwners(session);
            page = renderOwners(owners);
        }

        assertThat(page).contains("owner-1: 2 pets", "owner-10: 2 pets");
        Expected.nPlusOne("GET /owners", "Owner.pets", Clinic.OWNERS,
                site("renderOwners", "view.append(owner.getName()).append(\": \")")).verify(recorder);
    }

    /** The service: queries and returns, leaving the session open for the view. */
    private static List<Owner> listOwners(Session session) {
        return session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList();
    }

    /** The view: touches a lazy collection per row, after the service returned. */
    private static String renderOwners(List<Owner> owners) {
        StringBuilder view = new StringBuilder();
        for (Owner owner : owners) {
            view.append(owner.getName()).append(": ").append(owner.getPets().size()).append(" pets\n");
        }
        return view.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nestedScopeOwnsItsStatements(TestDatabase db) {
        Clinic clinic = clinic(db, NPlusOneConfig.defaults());
        long outerStatements;
        long innerStatements;
        try (RequestScope scope = perfMon.openScope("GET /owners/report"); Session session = clinic.sessions.openSession()) {
            List<Owner> owners = session.createQuery("select o from Owner o order by o.id", Owner.class).getResultList();
            int pets = 0;
            for (Owner owner : owners.subList(0, 2)) {
                pets += owner.getPets().size();
            }
            try (RequestScope inner = perfMon.openScope("job:pet-audit")) {
                for (Owner owner : owners.subList(2, 8)) {
                    pets += owner.getPets().size(); // inner
                }
                innerStatements = inner.counter(ScopeCounter.STATEMENTS);
            }
            for (Owner owner : owners.subList(8, 10)) {
                pets += owner.getPets().size();
            }
            assertThat(pets).isEqualTo(Clinic.PETS);
            outerStatements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // The outer scope keeps its own 1 + 2 + 2 statements: 4 loads of Owner.pets, below the threshold.
        assertThat(innerStatements).isEqualTo(6);
        assertThat(outerStatements).isEqualTo(1 + 4);
        Expected.nPlusOne("job:pet-audit", "Owner.pets", 6,
                site("nestedScopeOwnsItsStatements", "pets += owner.getPets().size(); // inner")).verify(recorder);
    }

    /** @return the call site of the line holding {@code code} in method {@code method} of this class */
    private static String site(String method, String code) {
        return SourceLines.callSite(HibernateCorpusTest.class, method, code);
    }
}
