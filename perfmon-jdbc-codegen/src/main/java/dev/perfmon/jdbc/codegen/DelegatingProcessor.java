package dev.perfmon.jdbc.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.tools.Diagnostic;

/**
 * Writes the {@code Delegating<Name>} interfaces that {@link GenerateDelegating} asks for. It reads
 * the interfaces from the platform the compilation targets ({@code --release}), so the pass-through
 * methods are exactly that Java version's, whichever JDK runs the build.
 */
@SupportedAnnotationTypes("dev.perfmon.jdbc.codegen.GenerateDelegating")
public final class DelegatingProcessor extends AbstractProcessor {

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        // Per package: requested interface -> the class that asked, in source order.
        Map<PackageElement, Map<TypeElement, Element>> requests = new LinkedHashMap<>();
        for (TypeElement annotation : annotations) {
            for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
                TypeElement iface = (TypeElement) ((DeclaredType) attribute(annotated, "value")).asElement();
                PackageElement pkg = processingEnv.getElementUtils().getPackageOf(annotated);
                requests.computeIfAbsent(pkg, p -> new LinkedHashMap<>()).put(iface, annotated);
            }
        }
        requests.forEach((pkg, ifaces) -> ifaces.forEach((iface, origin) -> write(pkg, iface, ifaces.keySet(), origin)));
        return true;
    }

    /** @return the attribute's value as written on the annotation, or {@code null} when left to its default */
    private static Object attribute(Element annotated, String name) {
        for (AnnotationMirror mirror : annotated.getAnnotationMirrors()) {
            if (mirror.getAnnotationType().toString().equals(GenerateDelegating.class.getName())) {
                for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                        : mirror.getElementValues().entrySet()) {
                    if (entry.getKey().getSimpleName().contentEquals(name)) {
                        return entry.getValue().getValue();
                    }
                }
            }
        }
        if (name.equals("value")) {
            throw new IllegalStateException("no value on " + annotated);
        }
        return null;
    }

    private void write(PackageElement pkg, TypeElement iface, Set<TypeElement> siblings, Element origin) {
        boolean hooks = Boolean.TRUE.equals(attribute(origin, "parameterHooks"));
        Set<String> wrapped = new java.util.HashSet<>();
        if (attribute(origin, "wrapReturned") instanceof List<?> types) {
            for (Object type : types) {
                wrapped.add(((AnnotationValue) type).getValue().toString());
            }
        }
        DelegatingSource source = new DelegatingSource(processingEnv, pkg, iface, siblings, hooks, wrapped);
        try (Writer out = processingEnv.getFiler().createSourceFile(source.qualifiedName(), origin).openWriter()) {
            out.write(source.text());
        } catch (IOException failure) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + source.qualifiedName() + ": " + failure, origin);
        }
    }
}
