package dev.perfmon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a module's public API from its compiled classes: every public type outside an
 * {@code internal} package, and the types its public and protected members name. A module's
 * test asserts that none of them is an internal type, so nothing an application can call hands it
 * (or asks it for) a type that may change without notice.
 */
public final class PublicApi {

    private PublicApi() {
    }

    /**
     * @param anyClassOfTheModule a class compiled into the module's output directory
     * @return every place the module's public API names a type from an {@code internal} package,
     *     as {@code "Owner.member -> internal.Type"}, sorted; empty when there is none
     */
    public static List<String> internalTypesReachable(Class<?> anyClassOfTheModule) {
        TreeSet<String> leaks = new TreeSet<>();
        for (Class<?> type : publicTypes(anyClassOfTheModule)) {
            String owner = type.getName();
            check(leaks, owner + " extends", type.getGenericSuperclass());
            for (Type implemented : type.getGenericInterfaces()) {
                check(leaks, owner + " implements", implemented);
            }
            for (Field field : type.getDeclaredFields()) {
                if (exposed(field.getModifiers())) {
                    check(leaks, owner + "." + field.getName(), field.getGenericType());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (exposed(constructor.getModifiers())) {
                    for (Type parameter : constructor.getGenericParameterTypes()) {
                        check(leaks, owner + ".<init>", parameter);
                    }
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!exposed(method.getModifiers()) || method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                String where = owner + "." + method.getName();
                check(leaks, where, method.getGenericReturnType());
                for (Type parameter : method.getGenericParameterTypes()) {
                    check(leaks, where, parameter);
                }
            }
        }
        return List.copyOf(leaks);
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(TreeSet<String> leaks, String where, Type type) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (isInternal(element)) {
                leaks.add(where + " -> " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(leaks, where, p.getRawType());
            for (Type argument : p.getActualTypeArguments()) {
                check(leaks, where, argument);
            }
        } else if (type instanceof GenericArrayType a) {
            check(leaks, where, a.getGenericComponentType());
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                check(leaks, where, bound);
            }
            for (Type bound : w.getLowerBounds()) {
                check(leaks, where, bound);
            }
        }
    }

    private static boolean isInternal(Class<?> type) {
        return type.getName().startsWith("dev.perfmon.") && type.getPackageName().contains(".internal");
    }

    /** @return the public types, nested ones included, outside internal packages of the class's output directory */
    private static List<Class<?>> publicTypes(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info") || name.contains(".internal.")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, anchor.getClassLoader());
                if (isPublicAllTheWay(type)) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }

    private static boolean isPublicAllTheWay(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
                return false;
            }
        }
        return true;
    }
}
