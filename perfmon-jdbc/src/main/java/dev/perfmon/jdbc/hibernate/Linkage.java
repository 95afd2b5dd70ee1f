package dev.perfmon.jdbc.hibernate;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks, without loading them, that some of perfmon's classes link against the library on the
 * class path: every class they name exists, every field and method they call resolves with the
 * exact descriptor they were compiled against (a changed return type is a missing method to the
 * JVM), an interface is still an interface, and every abstract method of an interface they
 * implement is implemented. Resolution goes through {@link MethodHandles.Lookup}, the same rules
 * the JVM links a call site by. Used once, when the Hibernate integration starts: a class that
 * passes cannot throw {@code NoSuchMethodError}, {@code NoSuchFieldError},
 * {@code NoClassDefFoundError} or {@code AbstractMethodError} later.
 */
final class Linkage {

    static final String HIBERNATE = "org/hibernate/";

    private final ClassLoader loader;
    private final String namespace;
    private final MethodHandles.Lookup lookup = MethodHandles.publicLookup();

    Linkage(ClassLoader loader, String namespace) {
        this.loader = loader;
        this.namespace = namespace;
    }

    /**
     * @param classNames binary names of perfmon classes that must link together
     * @return {@code null} when they all link, else what is missing, such as
     *     {@code org.hibernate.event.spi.InitializeCollectionEvent.getCollectionPersister()Lorg/...;}
     */
    @Nullable String missing(String... classNames) {
        Set<String> checkedClasses = new HashSet<>();
        for (String className : classNames) {
            ClassFileRefs refs;
            try {
                refs = ClassFileRefs.read(loader, className, namespace);
            } catch (IOException | RuntimeException e) {
                return className + " (" + e.getMessage() + ")";
            }
            for (String type : refs.classes) {
                if (checkedClasses.add(type) && load(type) == null) {
                    return type.replace('/', '.');
                }
            }
            for (ClassFileRefs.Member member : refs.members) {
                if (!resolves(member)) {
                    return member.toString();
                }
            }
            for (String itf : refs.interfaces) {
                String unimplemented = unimplemented(refs, itf);
                if (unimplemented != null) {
                    return unimplemented + " (abstract, not implemented by " + className + ")";
                }
            }
        }
        return null;
    }

    private @Nullable Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private boolean resolves(ClassFileRefs.Member member) {
        Class<?> owner = load(member.owner());
        if (owner == null) {
            return false;
        }
        try {
            if (member.field()) {
                Class<?> type = MethodType.fromMethodDescriptorString("()" + member.descriptor(), loader).returnType();
                return findField(owner, member.name(), type);
            }
            if (member.onInterface() != owner.isInterface()) {
                return false;
            }
            MethodType type = MethodType.fromMethodDescriptorString(member.descriptor(), loader);
            if (member.name().equals("<init>")) {
                lookup.findConstructor(owner, type);
                return true;
            }
            return findMethod(owner, member.name(), type);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private boolean findMethod(Class<?> owner, String name, MethodType type) {
        try {
            lookup.findVirtual(owner, name, type);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            try {
                lookup.findStatic(owner, name, type);
                return true;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e2) {
                return false;
            }
        }
    }

    private boolean findField(Class<?> owner, String name, Class<?> type) {
        try {
            lookup.findStaticGetter(owner, name, type);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            try {
                lookup.findGetter(owner, name, type);
                return true;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e2) {
                return false;
            }
        }
    }

    /** @return an abstract method of {@code itf} that {@code refs} does not declare, or {@code null} */
    private @Nullable String unimplemented(ClassFileRefs refs, String itf) {
        Class<?> type = load(itf);
        if (type == null) {
            return itf.replace('/', '.');
        }
        try {
            for (Method method : type.getMethods()) {
                if (Modifier.isAbstract(method.getModifiers()) && !isObjectMethod(method)
                        && !refs.declared.contains(new ClassFileRefs.Declared(method.getName(), descriptor(method)))) {
                    return type.getName() + "." + method.getName() + descriptor(method);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return type.getName() + " (" + e + ")";
        }
        return null;
    }

    private static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String descriptor(Method method) {
        return MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
    }
}
