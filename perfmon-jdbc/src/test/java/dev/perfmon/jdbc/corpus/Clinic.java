package dev.perfmon.jdbc.corpus;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.jdbc.Databases;
import dev.perfmon.jdbc.DelegatingDataSource;
import dev.perfmon.testsupport.TestDatabase;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import javax.sql.DataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pet clinic of the corpus on one test database, created and seeded once per JVM by one
 * Hibernate session factory, which every Hibernate case of the database shares:
 * <ul>
 *   <li>10 owners ({@code owner-i}, city Madison for even ids, Monona for odd), each with 2 phones
 *       and loyalty card i;</li>
 *   <li>2 pets per owner (pets 2i-1 and 2i of owner i), pet p of type (p - 1) % 6 + 1;</li>
 *   <li>2 visits per pet (visits 2p-1 and 2p of pet p), visit v with vet (v - 1) % 6 + 1;</li>
 *   <li>6 vets, vet v with specialties (v - 1) % 4 + 1 and v % 4 + 1 of 4.</li>
 * </ul>
 * The session factory reaches the pool through a {@link DelegatingDataSource}, so each case
 * points it at a decorator of its own ({@link #use}).
 */
final class Clinic {

    static final int OWNERS = 10;
    static final int PETS_PER_OWNER = 2;
    static final int PETS = OWNERS * PETS_PER_OWNER;
    static final int TYPES = 6;
    static final int VISITS_PER_PET = 2;
    static final int VISITS = PETS * VISITS_PER_PET;
    static final int VETS = 6;
    static final int SPECIALTIES = 4;

    private static final Map<String, Clinic> CLINICS = new ConcurrentHashMap<>();
    /** Held so the level sticks: Hibernate's bootstrap INFO lines drown the test output. */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    static {
        HIBERNATE_LOG.setLevel(Level.WARNING);
    }

    final HikariDataSource pool;
    final SessionFactory sessions;
    private final DelegatingDataSource dataSource;

    private Clinic(TestDatabase db) {
        this.pool = Databases.pool(db);
        this.dataSource = new DelegatingDataSource(pool);
        Configuration configuration = new Configuration();
        for (Class<?> entity : entities()) {
            configuration.addAnnotatedClass(entity);
        }
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create");
        this.sessions = configuration.buildSessionFactory();
        seed();
        Runtime.getRuntime().addShutdownHook(new Thread(sessions::close));
    }

    /** @return the clinic of {@code db}'s kind, built on first use */
    static Clinic on(TestDatabase db) {
        return CLINICS.computeIfAbsent(db.name(), name -> new Clinic(db));
    }

    /** @return every mapped entity class */
    static Class<?>[] entities() {
        return new Class<?>[] {Owner.class, LoyaltyCard.class, Pet.class, PetType.class, Visit.class, Vet.class,
                Specialty.class, Reading.class, AuditEntry.class};
    }

    /** Points the session factory at {@code target}, a decorator of {@link #pool}. */
    void use(DataSource target) {
        dataSource.target(target);
    }

    private void seed() {
        sessions.inTransaction(session -> {
            Specialty[] specialties = new Specialty[SPECIALTIES + 1];
            for (int s = 1; s <= SPECIALTIES; s++) {
                specialties[s] = new Specialty(s, "specialty-" + s);
                session.persist(specialties[s]);
            }
            Vet[] vets = new Vet[VETS + 1];
            for (int v = 1; v <= VETS; v++) {
                vets[v] = new Vet(v, "vet-" + v);
                vets[v].getSpecialties().add(specialties[(v - 1) % SPECIALTIES + 1]);
                vets[v].getSpecialties().add(specialties[v % SPECIALTIES + 1]);
                session.persist(vets[v]);
            }
            PetType[] types = new PetType[TYPES + 1];
            for (int t = 1; t <= TYPES; t++) {
                types[t] = new PetType(t, "type-" + t);
                session.persist(types[t]);
            }
            long petId = 1;
            long visitId = 1;
            for (int o = 1; o <= OWNERS; o++) {
                LoyaltyCard card = new LoyaltyCard(o, "card-" + o);
                session.persist(card);
                Owner owner = new Owner(o, "owner-" + o, o % 2 == 0 ? "Madison" : "Monona", card);
                owner.getPhones().add("555-" + o + "-1");
                owner.getPhones().add("555-" + o + "-2");
                session.persist(owner);
                for (int k = 0; k < PETS_PER_OWNER; k++, petId++) {
                    Pet pet = new Pet(petId, "pet-" + petId, owner, types[(int) ((petId - 1) % TYPES) + 1]);
                    session.persist(pet);
                    for (int n = 0; n < VISITS_PER_PET; n++, visitId++) {
                        session.persist(new Visit(visitId, "visit-" + visitId, pet,
                                vets[(int) ((visitId - 1) % VETS) + 1]));
                    }
                }
            }
        });
    }
}
