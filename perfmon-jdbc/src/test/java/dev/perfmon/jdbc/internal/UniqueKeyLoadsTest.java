package dev.perfmon.jdbc.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements load an inverse one-to-one by its unique key. */
class UniqueKeyLoadsTest {

    private static final LoadCause SETTINGS = new LoadCause("Account.settings", "join fetch Account.settings", false);
    private static final List<UniqueKeyLoads.Load> LOADS =
            List.of(new UniqueKeyLoads.Load("account_settings", "account_id", SETTINGS));

    @Test
    void aSelectFromTheOwningTableByExactlyTheKeyColumnIsTheLoad() {
        assertThat(UniqueKeyLoads.find("select s1_0.id, s1_0.account_id, s1_0.theme from account_settings s1_0"
                + " where s1_0.account_id=?", LOADS)).isSameAs(SETTINGS);
        assertThat(UniqueKeyLoads.find("select s1_0.id, a1_0.id from account_settings s1_0 left join accounts a1_0"
                + " on a1_0.id=s1_0.account_id where s1_0.account_id=?", LOADS)).isSameAs(SETTINGS);
    }

    @Test
    void otherRestrictionsOtherColumnsAndOtherTablesAreNot() {
        assertThat(UniqueKeyLoads.find("select s1_0.id from account_settings s1_0 where s1_0.theme=?", LOADS)).isNull();
        assertThat(UniqueKeyLoads.find("select s1_0.id from account_settings s1_0 where s1_0.account_id=?"
                + " and s1_0.theme=?", LOADS)).isNull();
        assertThat(UniqueKeyLoads.find("select s1_0.id from account_settings_archive s1_0"
                + " where s1_0.account_id=?", LOADS)).isNull();
        assertThat(UniqueKeyLoads.find("select 1", LOADS)).isNull();
    }
}
