package dev.perfmon.testsupport;

import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds code that may block while it holds a monitor: a call, inside a {@code synchronized} method
 * or block, to a blocking JDK, JDBC, HikariCP, Lettuce or Reactor method, directly or through
 * other methods of the scanned classes. On JDK 21 to 23 a virtual thread that blocks there pins its
 * carrier; JDK 24+ no longer pins, and no longer reports it, so this is checked on the bytecode,
 * where it is the same on every JDK.
 *
 * <p>Blocking here means waiting that a virtual thread would otherwise unmount for: locks, futures,
 * latches, queues, sleeping, sockets, JDBC and Redis round trips. Reading a local file or a class
 * path resource is not counted: it holds the carrier on every JDK whether or not a monitor is held
 * (the JDK adds a carrier for it), so a monitor adds nothing there.
 *
 * <p>The scan is deliberately simple: a region runs from a {@code monitorenter} to the next
 * {@code monitorexit} in instruction order (how javac lays out {@code synchronized} blocks), calls
 * resolve to the declared owner only (no virtual dispatch), and a lambda created inside a region
 * is not counted as called there. It misses blocking reached through an interface the scanned
 * code implements; it does not report code that merely could block in theory.
 */
public final class MonitorScan {

    private MonitorScan() {
    }

    /**
     * @param anyClassOfTheModule a class compiled into the module's output directory
     * @return every call that may block under a monitor in that module, sorted
     */
    public static List<String> blockingUnderMonitor(Class<?> anyClassOfTheModule) {
        Path root;
        try {
            root = Path.of(anyClassOfTheModule.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<ClassNode> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                classes.add(read(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scan(classes);
    }

    /**
     * @param classes the classes to scan, read from their class files
     * @return every call that may block under a monitor in them, sorted
     */
    public static List<String> blockingUnderMonitor(Class<?>... classes) {
        List<ClassNode> nodes = new ArrayList<>();
        for (Class<?> type : classes) {
            String resource = "/" + type.getName().replace('.', '/') + ".class";
            try (InputStream in = type.getResourceAsStream(resource)) {
                nodes.add(read(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scan(nodes);
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return node;
    }

    private static List<String> scan(List<ClassNode> classes) {
        Map<String, MethodNode> methods = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (ClassNode type : classes) {
            for (MethodNode method : type.methods) {
                String key = key(type.name, method.name, method.desc);
                methods.put(key, method);
                owners.put(key, type.name);
            }
        }
        Map<String, String> blocks = new HashMap<>();    // scanned method -> the blocking call it reaches
        boolean changed = true;
        while (changed) {                                    // fixed point over the call graph
            changed = false;
            for (Map.Entry<String, MethodNode> entry : methods.entrySet()) {
                if (blocks.containsKey(entry.getKey())) {
                    continue;
                }
                for (AbstractInsnNode insn : entry.getValue().instructions) {
                    String reached = blockingCall(insn, blocks);
                    if (reached != null) {
                        blocks.put(entry.getKey(), reached);
                        changed = true;
                        break;
                    }
                }
            }
        }
        TreeSet<String> found = new TreeSet<>();
        for (Map.Entry<String, MethodNode> entry : methods.entrySet()) {
            MethodNode method = entry.getValue();
            String where = Objects.requireNonNull(owners.get(entry.getKey())).replace('/', '.') + "." + method.name;
            boolean synchronizedMethod = (method.access & Opcodes.ACC_SYNCHRONIZED) != 0;
            int depth = 0;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn.getOpcode() == Opcodes.MONITORENTER) {
                    depth++;
                } else if (insn.getOpcode() == Opcodes.MONITOREXIT) {
                    depth = Math.max(0, depth - 1);
                } else if (synchronizedMethod || depth > 0) {
                    String reached = blockingCall(insn, blocks);
                    if (reached != null) {
                        found.add(where + (synchronizedMethod ? " (synchronized method)" : " (synchronized block)")
                                + " calls " + reached);
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** @return what the instruction reaches that blocks, or null */
    private static @Nullable String blockingCall(AbstractInsnNode insn, Map<String, String> blocks) {
        if (!(insn instanceof MethodInsnNode)) {
            return null;
        }
        MethodInsnNode call = (MethodInsnNode) insn;
        String called = call.owner.replace('/', '.') + "." + call.name;
        if (blocking(call.owner, call.name, call.desc)) {
            return called;
        }
        String via = blocks.get(key(call.owner, call.name, call.desc));
        return via == null ? null : called + " -> " + via;
    }

    private static final Set<String> BLOCKING_OWNERS = new LinkedHashSet<>(List.of(
            "java/sql/Connection", "java/sql/Statement", "java/sql/PreparedStatement",
            "java/sql/CallableStatement", "java/sql/ResultSet", "java/sql/DriverManager", "javax/sql/DataSource",
            "java/net/Socket", "java/net/ServerSocket", "jakarta/servlet/ServletInputStream",
            "jakarta/servlet/ServletOutputStream", "java/net/http/HttpClient"));

    /** Whether a call, by its declared owner, name and descriptor, may block the calling thread. */
    static boolean blocking(String owner, String name, String desc) {
        if (BLOCKING_OWNERS.contains(owner) || owner.startsWith("io/lettuce/core/api/sync/")
                || owner.startsWith("java/nio/channels/")) {
            return true;
        }
        switch (owner) {
            case "com/zaxxer/hikari/HikariDataSource":
            case "com/zaxxer/hikari/pool/HikariPool":
                return name.equals("getConnection");
            case "java/lang/Object":
                return name.equals("wait");
            case "java/lang/Thread":
                return name.equals("sleep") || name.equals("join");
            case "java/util/concurrent/locks/LockSupport":
                return name.startsWith("park");
            case "java/util/concurrent/locks/Condition":
                return name.startsWith("await");
            case "java/util/concurrent/CountDownLatch":
            case "java/util/concurrent/CyclicBarrier":
                return name.equals("await");
            case "java/util/concurrent/Semaphore":
                return name.startsWith("acquire");
            case "java/util/concurrent/Phaser":
                return name.startsWith("await");
            case "java/util/concurrent/ExecutorService":
            case "java/util/concurrent/ThreadPoolExecutor":
            case "java/util/concurrent/ScheduledThreadPoolExecutor":
                return name.equals("awaitTermination") || name.startsWith("invoke") || name.equals("close");
            case "java/util/concurrent/Future":
            case "java/util/concurrent/FutureTask":
            case "java/util/concurrent/CompletableFuture":
            case "io/lettuce/core/RedisFuture":
                return name.equals("get") || name.equals("join");
            case "io/lettuce/core/LettuceFutures":
                return name.startsWith("await");
            case "reactor/core/publisher/Mono":
            case "reactor/core/publisher/Flux":
                return name.startsWith("block");
            default:
                break;
        }
        if (owner.startsWith("java/util/concurrent/locks/") && (name.equals("lock") || name.equals("lockInterruptibly")
                || name.equals("tryLock") && !desc.startsWith("()"))) {
            return true;
        }
        return owner.startsWith("java/util/concurrent/") && (owner.contains("BlockingQueue")
                || owner.contains("BlockingDeque")) && (name.equals("put") || name.equals("take")
                || (name.equals("offer") || name.equals("poll")) && desc.contains("Ljava/util/concurrent/TimeUnit;"));
    }

    private static String key(String owner, String name, String desc) {
        return owner + "." + name + desc;
    }
}
