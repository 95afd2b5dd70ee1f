package dev.perfmon.jdbc.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements fetch generated keys (never findings), and which look alike but do not. */
class KeyFetchesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "select next value for owners_seq",
        "call next value for owners_seq",
        "select nextval('owners_seq')",
        "select nextval ('public.owners_seq')",
        "select owners_seq.nextval from dual",
        "select next_val as id_val from hibernate_sequences where sequence_name = ? for update",
        "update hibernate_sequences set next_val = ? where next_val = ? and sequence_name = ?",
        "select next_val from hibernate_sequence",
        "select lastval()",
        "select scope_identity()",
        "select last_insert_id()",
        "select gen_id(owners_gen, 1) from rdb$database",
    })
    void sequenceAndIdentityFetchesAreKeyFetches(String sql) {
        assertThat(SqlNormalizer.analyseSafely(sql).keyFetch()).as(sql).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "select id, name from owners where id = ?",
        "select * from dna_sequences_results where run_id = ?",
        "insert into visits (id, pet_id) values (?, ?)",
        "select count(*) from sequence_steps",
    })
    void lookalikesAreAnalysedLikeAnyStatement(String sql) {
        assertThat(SqlNormalizer.analyseSafely(sql).keyFetch()).as(sql).isFalse();
    }
}
