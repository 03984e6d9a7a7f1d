package vn.motcua.sync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link SyncWorld} (server process on H2, reference data, a temporary folder) per test class that asks for it
 * as a parameter, closed and deleted after the class:
 *
 * <pre>
 * &#64;ExtendWith(SyncWorldExtension.class)
 * class SomeSyncTest {
 *     static SyncWorld world;
 *     &#64;BeforeAll
 *     static void start(SyncWorld w) { world = w; }
 * </pre>
 */
public final class SyncWorldExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SyncWorldExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SyncWorld.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Kept in the class's store: JUnit closes it when the class is done, whatever happened in its tests.
        return classLevel(context).getStore(NAMESPACE).getOrComputeIfAbsent(Owned.class, k -> Owned.start(), Owned.class).world;
    }

    private static ExtensionContext classLevel(ExtensionContext c) {
        ExtensionContext at = c;
        while (at.getTestMethod().isPresent() && at.getParent().isPresent()) {
            at = at.getParent().get();
        }
        return at;
    }

    /** The world and its folder, closed together. */
    private record Owned(SyncWorld world, Path dir) implements ExtensionContext.Store.CloseableResource {
        static Owned start() {
            try {
                Path dir = Files.createTempDirectory("motcua-sync-world-");
                return new Owned(new SyncWorld(dir, Map.of()), dir);
            } catch (Exception e) {
                throw new IllegalStateException("the sync test world did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                world.close();
            } finally {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // a temporary folder: the OS cleans it
                        }
                    });
                }
            }
        }
    }
}
