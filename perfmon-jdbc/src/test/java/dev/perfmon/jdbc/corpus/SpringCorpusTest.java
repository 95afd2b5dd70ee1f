package dev.perfmon.jdbc.corpus;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.jdbc.DelegatingDataSource;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.SourceLines;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of Spring scenarios: {@code JdbcTemplate}, {@code NamedParameterJdbcTemplate} and a
 * Spring Data JPA repository on HikariCP over H2 and PostgreSQL, against the pet {@link Clinic}.
 * Spring's frames are framework code, so each finding points at the application line that called
 * the template or the repository.
 */
class SpringCorpusTest {

    private static final Map<String, SpringApplication> APPLICATIONS = new ConcurrentHashMap<>();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);
    private SpringApplication application;

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @AfterAll
    static void stopApplications() {
        APPLICATIONS.values().forEach(app -> app.context().close());
        APPLICATIONS.clear();
    }

    @AfterEach
    void tearDown() {
        if (application != null) {
            application.dataSource().target(application.pool());
        }
        recorder.close();
        perfMon.close();
    }

    private DataSource dataSource(TestDatabase db, NPlusOneConfig config) {
        return PerfMonDataSource.builder(Clinic.on(db).pool, perfMon).name("clinic").nPlusOne(config).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void jdbcTemplateQueryPerRow(TestDatabase db) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource(db, NPlusOneConfig.defaults()));
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners")) {
            List<String> names = new ArrayList<>();
            for (long owner : jdbc.queryForList("select id from corpus_owners order by id", Long.class)) {
                names.addAll(jdbc.queryForList("select name from corpus_pets where owner_id = ?", String.class, owner));
            }
            assertThat(names).hasSize(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners", null, Clinic.OWNERS,
                site("jdbcTemplateQueryPerRow", "names.addAll(jdbc.queryForList("))
                .statement("select name from corpus_pets where owner_id = ?").verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void namedParameterInListChunksLeaveNothing(TestDatabase db) {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource(db, NPlusOneConfig.strict()));
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /pets")) {
            List<String> names = new ArrayList<>();
            for (long first = 1; first <= Clinic.PETS; first += 5) {
                List<Long> chunk = List.of(first, first + 1, first + 2, first + 3, first + 4);
                names.addAll(jdbc.queryForList("select name from corpus_pets where id in (:ids)", Map.of("ids", chunk),
                        String.class));
            }
            assertThat(names).hasSize(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Spring expands :ids to 5 placeholders: 20 pets in 4 round trips.
        assertThat(statements).isEqualTo(4);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void springDataRepositoryFindByIdPerRow(TestDatabase db) {
        OwnerRepository owners = owners(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/selected")) {
            for (long id = 1; id <= Clinic.OWNERS; id++) {
                assertThat(owners.findById(id).orElseThrow().getName()).isEqualTo("owner-" + id);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Outside a transaction every repository call has its own persistence context: one select per id.
        assertThat(statements).isEqualTo(Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/selected", "find(Owner)", Clinic.OWNERS,
                site("springDataRepositoryFindByIdPerRow", "assertThat(owners.findById(id)")).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void springDataRepositoryFindByIdOfOneIdRepeatedOutsideATransaction(TestDatabase db) {
        OwnerRepository owners = owners(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/3")) {
            for (int widget = 0; widget < 3; widget++) {
                assertThat(owners.findById(3L).orElseThrow().getName()).isEqualTo("owner-3");
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // No shared persistence context: each call reads owner 3 again.
        assertThat(statements).isEqualTo(3);
        Expected.duplicate("GET /owners/3", "find(Owner)", 3,
                site("springDataRepositoryFindByIdOfOneIdRepeatedOutsideATransaction", "assertThat(owners.findById(3L)"))
                .verify(recorder);
    }

    /** @return the repository of the database's Spring application, its data source pointed at this case's decorator */
    private OwnerRepository owners(TestDatabase db, NPlusOneConfig config) {
        SpringApplication app = APPLICATIONS.computeIfAbsent(db.name(), name -> SpringApplication.start(Clinic.on(db)));
        app.dataSource.target(dataSource(db, config));
        application = app;
        return app.context.getBean(OwnerRepository.class);
    }

    /** One Spring application per database for the class; its DataSource bean delegates to each case's decorator. */
    private record SpringApplication(AnnotationConfigApplicationContext context, DelegatingDataSource dataSource,
                                     DataSource pool) {

        static SpringApplication start(Clinic clinic) {
            DelegatingDataSource dataSource = new DelegatingDataSource(clinic.pool);
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.registerBean(DataSource.class, () -> dataSource);
            context.register(SpringJpa.class);
            context.refresh();
            return new SpringApplication(context, dataSource, clinic.pool);
        }
    }

    /** @return the call site of the line holding {@code code} in method {@code method} of this class */
    private static String site(String method, String code) {
        return SourceLines.callSite(SpringCorpusTest.class, method, code);
    }
}
