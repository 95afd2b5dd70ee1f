package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCause;
import dev.perfmon.jdbc.internal.UniqueKeyLoads;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;

import java.util.ArrayList;
import java.util.List;

/**
 * The inverse sides of one-to-one associations ({@code @OneToOne(mappedBy = "account")} on
 * {@code Account.settings}): Hibernate loads them by the owning side's unique foreign key
 * ({@code select ... from account_settings where account_id=?}), without a load event, so their
 * statements are named from this mapping instead ({@link UniqueKeyLoads}).
 */
final class InverseOneToOnes {

    private InverseOneToOnes() {
    }

    /** @return every inverse one-to-one of the model whose foreign key is one column */
    static List<UniqueKeyLoads.Load> scan(SessionFactoryImplementor factory, ListenerFailures failures) {
        List<UniqueKeyLoads.Load> loads = new ArrayList<>();
        try {
            factory.getMappingMetamodel().forEachEntityDescriptor(owner -> owner.visitDeclaredAttributeMappings(
                    attribute -> {
                        if (attribute instanceof ToOneAttributeMapping toOne
                                && toOne.getSideNature() == ForeignKeyDescriptor.Nature.TARGET) {
                            ForeignKeyDescriptor key = toOne.getForeignKeyDescriptor();
                            List<String> columns = new ArrayList<>(1);
                            key.visitKeySelectables((index, selectable) -> columns.add(selectable.getSelectionExpression()));
                            if (columns.size() == 1) {
                                String name = Associations.simpleName(owner) + "." + toOne.getAttributeName();
                                loads.add(new UniqueKeyLoads.Load(key.getKeyTable(), columns.get(0), new LoadCause(name,
                                        "join fetch " + name + " in the query (the inverse side of a one-to-one the"
                                                + " query does not fetch is loaded by its unique key, one row at a time)",
                                        false)));
                            }
                        }
                    }));
        } catch (RuntimeException | LinkageError e) {
            failures.record(e);
        }
        return loads;
    }
}
