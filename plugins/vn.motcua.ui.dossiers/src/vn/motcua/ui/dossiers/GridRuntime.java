package vn.motcua.ui.dossiers;

import java.net.URL;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * What NatTable needs from the OSGi runtime. NatTable uses Eclipse Collections, whose factories ({@code Sets.mutable}
 * …) find their implementations once, with {@code ServiceLoader} through the thread's context class loader; in the
 * product that loader cannot see the implementation bundle, and every paint failed ("Could not find any
 * implementations of MutableSetFactory": a blank grid). The factory classes are initialised here once with the
 * implementation bundle's loader as context loader, before the first grid is made.
 */
final class GridRuntime {
    private static final AtomicBoolean PREPARED = new AtomicBoolean();

    private GridRuntime() {
    }

    static void prepare() {
        if (!PREPARED.compareAndSet(false, true)) {
            return;
        }
        Bundle api = FrameworkUtil.getBundle(org.eclipse.collections.api.factory.Sets.class);
        ClassLoader implementations = org.eclipse.collections.impl.list.mutable.FastList.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(implementations);
        try {
            if (api == null) {
                // Not in OSGi (a plain class path): the context loader sees everything; the common one is enough.
                Class.forName(org.eclipse.collections.api.factory.Sets.class.getName(), true, implementations);
                return;
            }
            Enumeration<URL> classes = api.findEntries("org/eclipse/collections/api/factory", "*.class", true);
            while (classes != null && classes.hasMoreElements()) {
                String path = classes.nextElement().getPath();
                if (!path.contains("$")) {
                    String name = path.substring(path.indexOf("org/"), path.length() - ".class".length()).replace('/', '.');
                    Class.forName(name, true, org.eclipse.collections.api.factory.Sets.class.getClassLoader());
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Eclipse Collections' factories could not be loaded", e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
