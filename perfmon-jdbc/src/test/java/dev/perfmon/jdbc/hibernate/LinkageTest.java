package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.hibernate.fixture.Library;
import dev.perfmon.jdbc.hibernate.fixture.LibraryUser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe finds, without loading perfmon's classes, every way they could fail to link: a class,
 * field or method missing from the library, a method whose return type changed, an abstract
 * method they do not implement. "Library versions" are made by renaming one name in the
 * compiled bytes of {@link LibraryUser}, as a library upgrade would look to the JVM.
 */
class LinkageTest {

    private static final String FIXTURE = "dev/perfmon/jdbc/hibernate/fixture/";
    private static final String USER = LibraryUser.class.getName();

    @Test
    void theListenersAndTheRegistrationLinkAgainstTheHibernateOfTheBuild() {
        HibernateSupport support = HibernateSupport.probe(getClass().getClassLoader(), HibernateSupport.NAMING);
        assertThat(support.missing()).isNull();
        assertThat(support.namesAssociations()).isTrue();
        assertThat(support.version()).startsWith("7.4.");
    }

    @Test
    void classesThatMatchTheLibraryLink() {
        assertThat(linkage(null, null, null).missing(USER)).isNull();
    }

    @Test
    void aMethodMissingFromTheLibraryIsNamed() {
        assertThat(linkage("total", "TOTAL", null).missing(USER))
                .isEqualTo("dev.perfmon.jdbc.hibernate.fixture.Library.TOTAL()Ljava/lang/Long;");
    }

    @Test
    void aMethodWhoseReturnTypeChangedIsMissing() {
        assertThat(linkage("()Ljava/lang/Long;", "()Ljava/lang/Byte;", null).missing(USER))
                .isEqualTo("dev.perfmon.jdbc.hibernate.fixture.Library.total()Ljava/lang/Byte;");
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThat(linkage("SHARED", "SHORED", null).missing(USER))
                .isEqualTo("dev.perfmon.jdbc.hibernate.fixture.Library.SHORED");
    }

    @Test
    void aMissingClassIsNamed() {
        assertThat(linkage(null, null, Library.class.getName()).missing(USER))
                .isEqualTo(Library.class.getName());
    }

    @Test
    void anAbstractMethodTheClassDoesNotImplementIsNamed() {
        assertThat(linkage("onEvent", "onEVENT", null).missing(USER))
                .isEqualTo("dev.perfmon.jdbc.hibernate.fixture.Library$Callback.onEvent()V (abstract, not implemented by "
                        + USER + ")");
    }

    @Test
    void anUnreadableClassIsReportedNotThrown() {
        assertThat(new Linkage(getClass().getClassLoader(), FIXTURE).missing("dev.perfmon.NoSuchClass"))
                .startsWith("dev.perfmon.NoSuchClass (class file not found");
    }

    /**
     * @return a linkage check over a class loader where {@link LibraryUser}'s bytes have
     *     {@code from} renamed to {@code to} (same length), and class {@code hidden} does not exist
     */
    private Linkage linkage(String from, String to, String hidden) {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(hidden)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }

            @Override
            public InputStream getResourceAsStream(String name) {
                InputStream original = super.getResourceAsStream(name);
                if (from == null || !name.equals(USER.replace('.', '/') + ".class")) {
                    return original;
                }
                try (InputStream in = original) {
                    return new ByteArrayInputStream(rename(in.readAllBytes(), from, to));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return new Linkage(loader, FIXTURE);
    }

    private static byte[] rename(byte[] bytes, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        assertThat(b).hasSameSizeAs(a);
        int replaced = 0;
        outer:
        for (int i = 0; i + a.length <= bytes.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (bytes[i + j] != a[j]) {
                    continue outer;
                }
            }
            // Only whole constant-pool strings: preceded by their two-byte length.
            if (i >= 2 && ((bytes[i - 2] & 0xFF) << 8 | (bytes[i - 1] & 0xFF)) == a.length) {
                System.arraycopy(b, 0, bytes, i, b.length);
                replaced++;
            }
        }
        assertThat(replaced).as("occurrences of " + from).isEqualTo(1);
        return bytes;
    }
}
