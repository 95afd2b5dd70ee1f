package dev.perfmon.jdbc.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The source of one {@code Delegating<Name>} interface: a default method per method of the
 * interface (abstract or default there), each passing its arguments to {@code delegate()} and
 * returning what it returns. Methods a generated parent interface already passes are left to it.
 */
final class DelegatingSource {

    private final Elements elements;
    private final Types types;
    private final PackageElement pkg;
    private final TypeElement iface;
    private final List<TypeElement> parents = new ArrayList<>();
    private final boolean parameterHooks;
    /** Qualified names of the types the generated methods hand to a {@code wrapped} hook. */
    private final Set<String> wrapReturned;

    DelegatingSource(ProcessingEnvironment env, PackageElement pkg, TypeElement iface, Set<TypeElement> siblings,
            boolean parameterHooks, Set<String> wrapReturned) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.pkg = pkg;
        this.iface = iface;
        this.parameterHooks = parameterHooks;
        this.wrapReturned = wrapReturned;
        for (TypeMirror parent : iface.getInterfaces()) {
            Element element = types.asElement(parent);
            if (siblings.contains(element)) {
                parents.add((TypeElement) element);
            }
        }
    }

    String qualifiedName() {
        return pkg.getQualifiedName() + "." + simpleName(iface);
    }

    private static String simpleName(TypeElement type) {
        return "Delegating" + type.getSimpleName();
    }

    String text() {
        StringBuilder out = new StringBuilder(32_768);
        out.append("package ").append(pkg.getQualifiedName()).append(";\n\n");
        out.append("/**\n * Passes every method of {@link ").append(iface.getQualifiedName())
                .append("} to {@link #delegate()}.\n * Generated at build time from the interface")
                .append(" as the compiled-against Java platform declares it; do not edit.\n */\n");
        out.append("@javax.annotation.processing.Generated(\"").append(DelegatingProcessor.class.getName())
                .append("\")\n");
        StringJoiner supers = new StringJoiner(", ");
        supers.add(iface.getQualifiedName());
        parents.forEach(parent -> supers.add(simpleName(parent)));
        out.append("interface ").append(simpleName(iface)).append(" extends ").append(supers).append(" {\n\n");
        out.append("    /** @return the wrapped object every method here passes to */\n");
        out.append("    ").append(iface.getQualifiedName()).append(" delegate();\n");
        List<ExecutableElement> methods = methods();
        hooks(out, methods);
        wrapHooks(out, methods);
        for (ExecutableElement method : methods) {
            out.append('\n');
            method(out, method);
        }
        return out.append("}\n").toString();
    }

    /** The {@code bound} hooks, one set per key type (index, name) the setters here use. */
    private void hooks(StringBuilder out, List<ExecutableElement> methods) {
        Set<String> keys = new TreeSet<>();
        for (ExecutableElement method : methods) {
            if (isParameterSetter(method)) {
                keys.add(method.getParameters().get(0).asType().toString());
            }
        }
        for (String key : keys) {
            String name = key.equals("int") ? "index" : "name";
            out.append("\n    /** Told after a setter bound a whole number at {@code ").append(name).append("}. */\n")
                    .append("    void bound(").append(key).append(' ').append(name).append(", long value);\n");
            out.append("\n    /** Told after a setter bound a floating point number at {@code ").append(name)
                    .append("}. */\n    void bound(").append(key).append(' ').append(name).append(", double value);\n");
            out.append("\n    /** Told after a setter bound a flag at {@code ").append(name).append("}. */\n")
                    .append("    void bound(").append(key).append(' ').append(name).append(", boolean value);\n");
            out.append("\n    /** Told after a setter bound any other value at {@code ").append(name)
                    .append("}, {@code null} for SQL NULL. */\n    void bound(").append(key).append(' ').append(name)
                    .append(", @org.jspecify.annotations.Nullable Object value);\n");
        }
    }

    /** The {@code wrapped} hooks, one per wrapped type and whether the statement text comes along. */
    private void wrapHooks(StringBuilder out, List<ExecutableElement> methods) {
        Set<String> hooks = new TreeSet<>();
        for (ExecutableElement method : methods) {
            if (isWrapped(method)) {
                String type = method.getReturnType().toString();
                hooks.add(type + " wrapped(" + type + " answer" + (takesSql(method) ? ", java.lang.String sql)" : ")"));
            }
        }
        for (String hook : hooks) {
            out.append("\n    /** Wraps what the delegate answered before it is returned. */\n    ").append(hook).append(";\n");
        }
    }

    private boolean answersItself(ExecutableElement method) {
        return types.isSameType(types.erasure(method.getReturnType()), types.erasure(iface.asType()));
    }

    private boolean isWrapped(ExecutableElement method) {
        return wrapReturned.contains(method.getReturnType().toString());
    }

    private static boolean takesSql(ExecutableElement method) {
        return !method.getParameters().isEmpty()
                && method.getParameters().get(0).asType().toString().equals("java.lang.String");
    }

    /** @return whether the method binds a parameter by index or name: {@code setX(int|String key, value, ...)} */
    private boolean isParameterSetter(ExecutableElement method) {
        if (!parameterHooks || !method.getSimpleName().toString().startsWith("set")
                || method.getReturnType().getKind() != TypeKind.VOID || method.getParameters().size() < 2) {
            return false;
        }
        TypeMirror key = method.getParameters().get(0).asType();
        return key.getKind() == TypeKind.INT || key.toString().equals("java.lang.String");
    }

    /** @return the instance methods of the interface and its supertypes, minus those a generated parent passes */
    private List<ExecutableElement> methods() {
        Set<Element> inherited = new HashSet<>();
        for (TypeElement parent : parents) {
            inherited.addAll(ElementFilter.methodsIn(elements.getAllMembers(parent)));
        }
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(iface))) {
            Element owner = method.getEnclosingElement();
            boolean objectMethod = owner.getKind() != ElementKind.INTERFACE;
            if (!objectMethod && !inherited.contains(method)
                    && !method.getModifiers().contains(Modifier.STATIC)
                    && !method.getModifiers().contains(Modifier.PRIVATE)) {
                methods.add(method);
            }
        }
        // A stable order, so the generated file only changes when the interface does.
        methods.sort(Comparator.comparing((ExecutableElement m) -> m.getSimpleName().toString())
                .thenComparing(m -> m.getParameters().stream().map(p -> p.asType().toString()).toList().toString()));
        return methods;
    }

    private void method(StringBuilder out, ExecutableElement method) {
        boolean deprecated = elements.isDeprecated(method);
        if (deprecated) {
            out.append("    @Deprecated\n    @SuppressWarnings(\"deprecation\")\n");
        }
        out.append("    @Override\n    default ");
        List<? extends TypeParameterElement> typeParameters = method.getTypeParameters();
        if (!typeParameters.isEmpty()) {
            StringJoiner declared = new StringJoiner(", ", "<", "> ");
            for (TypeParameterElement parameter : typeParameters) {
                StringJoiner bounds = new StringJoiner(" & ", " extends ", "").setEmptyValue("");
                for (TypeMirror bound : parameter.getBounds()) {
                    if (!bound.toString().equals("java.lang.Object")) {
                        bounds.add(bound.toString());
                    }
                }
                declared.add(parameter.getSimpleName() + bounds.toString());
            }
            out.append(declared);
        }
        TypeMirror returned = method.getReturnType();
        out.append(returned).append(' ').append(method.getSimpleName()).append('(');
        StringJoiner parameters = new StringJoiner(", ");
        StringJoiner arguments = new StringJoiner(", ");
        int index = 0;
        for (VariableElement parameter : method.getParameters()) {
            String name = "a" + index++;
            parameters.add(parameter.asType() + " " + name);
            arguments.add(name);
        }
        out.append(parameters).append(')');
        if (!method.getThrownTypes().isEmpty()) {
            StringJoiner thrown = new StringJoiner(", ", " throws ", "");
            method.getThrownTypes().forEach(type -> thrown.add(type.toString()));
            out.append(thrown);
        }
        out.append(" {\n        ");
        String call = "delegate()." + method.getSimpleName() + "(" + arguments + ")";
        if (isWrapped(method)) {
            call = "wrapped(" + call + (takesSql(method) ? ", a0)" : ")");
        }
        if (answersItself(method)) {
            // A builder's fluent setter: the chain must stay on the wrapper, not go on with the delegate.
            out.append(call).append(";\n        return this;\n    }\n");
            return;
        }
        if (returned.getKind() != TypeKind.VOID) {
            out.append("return ");
        }
        out.append(wrapperAnswer(method)).append(call).append(";\n");
        if (isParameterSetter(method)) {
            // Overload resolution picks the hook by the value's static type; primitives widen, never box.
            out.append("        bound(a0, ").append(method.getSimpleName().contentEquals("setNull") ? "(Object) null" : "a1")
                    .append(");\n");
        }
        out.append("    }\n");
    }

    /**
     * {@code java.sql.Wrapper}: the wrapper itself answers for the interfaces it implements
     * (a caller unwrapping to it gets it back), the delegate for the rest.
     */
    private static String wrapperAnswer(ExecutableElement method) {
        if (!((TypeElement) method.getEnclosingElement()).getQualifiedName().contentEquals("java.sql.Wrapper")) {
            return "";
        }
        return method.getSimpleName().contentEquals("unwrap") ? "a0.isInstance(this) ? a0.cast(this) : "
                : "a0.isInstance(this) || ";
    }
}
