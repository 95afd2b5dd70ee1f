package dev.perfmon.examples.demo.infra;

import dev.perfmon.examples.demo.domain.Comment;
import dev.perfmon.examples.demo.domain.Post;
import dev.perfmon.examples.demo.domain.ReportState;
import dev.perfmon.examples.demo.domain.User;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import javax.sql.DataSource;
import java.util.Map;

/** Builds the demo's Hibernate 7 {@link SessionFactory} in code: no persistence.xml. */
public final class Hibernate {

    private Hibernate() {
    }

    /**
     * @param dataSource the (instrumented) data source Hibernate takes connections from
     * @param schema the default schema, or {@code null}
     * @param extraSettings more settings (perfmon's Hibernate integration adds its own)
     * @return a session factory over a freshly created schema
     */
    public static SessionFactory sessionFactory(DataSource dataSource, String schema, Map<String, Object> extraSettings) {
        StandardServiceRegistryBuilder registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.SHOW_SQL, false)
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
                .applySetting(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, 0);
        if (schema != null) {
            registry.applySetting(AvailableSettings.DEFAULT_SCHEMA, schema);
        }
        extraSettings.forEach(registry::applySetting);
        StandardServiceRegistry services = registry.build();
        try {
            return new MetadataSources(services)
                    .addAnnotatedClass(User.class)
                    .addAnnotatedClass(Post.class)
                    .addAnnotatedClass(Comment.class)
                    .addAnnotatedClass(ReportState.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(services);
            throw e;
        }
    }
}
