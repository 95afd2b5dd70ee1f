package dev.perfmon.jdbc.hibernate;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one of perfmon's compiled classes links to in a given package namespace: the classes it
 * names, the fields and methods it calls (owner, name, JVM descriptor), the interfaces it
 * implements and the methods it declares. Read from the class file's constant pool, so the class
 * itself is never loaded (loading it is what could fail on a Hibernate version it does not fit).
 */
final class ClassFileRefs {

    /** A field or method reference: owner in internal form ({@code org/hibernate/Foo}), name, descriptor. */
    record Member(String owner, String name, String descriptor, boolean field, boolean onInterface) {

        @Override
        public String toString() {
            return owner.replace('/', '.') + (field ? "." + name : "." + name + descriptor);
        }
    }

    /** A method the class declares: name and descriptor. */
    record Declared(String name, String descriptor) {
    }

    final String name;
    final Set<String> classes = new LinkedHashSet<>();
    final List<Member> members = new ArrayList<>();
    final List<String> interfaces = new ArrayList<>();
    final Set<Declared> declared = new LinkedHashSet<>();

    private ClassFileRefs(String name) {
        this.name = name;
    }

    /**
     * @param loader where to read {@code className}'s class file from
     * @param className binary name of one of perfmon's classes
     * @param namespace internal-form prefix of the references kept, such as {@code org/hibernate/}
     */
    static ClassFileRefs read(ClassLoader loader, String className, String namespace) throws IOException {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class file not found: " + resource);
            }
            return parse(className, in.readAllBytes(), namespace);
        }
    }

    static ClassFileRefs parse(String className, byte[] bytes, String namespace) throws IOException {
        ClassFileRefs refs = new ClassFileRefs(className);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file: " + className);
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant tag " + tag + " in " + className);
            }
        }
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7) {
                refs.addTypes(utf8[first[i]], namespace);
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                String name = utf8[first[nameAndType]];
                String descriptor = utf8[second[nameAndType]];
                refs.addTypes(descriptor, namespace);
                if (owner.startsWith(namespace)) {
                    refs.members.add(new Member(owner, name, descriptor, tags[i] == 9, tags[i] == 11));
                }
            }
        }
        in.readUnsignedShort(); // access flags
        in.readUnsignedShort(); // this class
        in.readUnsignedShort(); // super class
        int interfaceCount = in.readUnsignedShort();
        for (int i = 0; i < interfaceCount; i++) {
            String itf = utf8[first[in.readUnsignedShort()]];
            if (itf.startsWith(namespace)) {
                refs.interfaces.add(itf);
            }
        }
        int fieldCount = in.readUnsignedShort();
        for (int i = 0; i < fieldCount; i++) {
            in.readUnsignedShort();
            in.readUnsignedShort();
            refs.addTypes(utf8[in.readUnsignedShort()], namespace);
            skipAttributes(in);
        }
        int methodCount = in.readUnsignedShort();
        for (int i = 0; i < methodCount; i++) {
            in.readUnsignedShort();
            String name = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            refs.addTypes(descriptor, namespace);
            refs.declared.add(new Declared(name, descriptor));
            skipAttributes(in);
        }
        return refs;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }

    /** Adds the namespace's classes named by a class constant or a descriptor ({@code (Lorg/hibernate/X;)V}). */
    private void addTypes(String text, String namespace) {
        if (text.startsWith(namespace)) {
            classes.add(text);
            return;
        }
        int at = 0;
        while ((at = text.indexOf('L' + namespace, at)) >= 0) {
            int end = text.indexOf(';', at);
            if (end < 0) {
                return;
            }
            classes.add(text.substring(at + 1, end));
            at = end;
        }
    }
}
