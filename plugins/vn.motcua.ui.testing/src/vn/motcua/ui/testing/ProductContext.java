package vn.motcua.ui.testing;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;

/**
 * An application context carrying the real product's branding properties (read from its
 * {@code org.eclipse.core.runtime.products} extension), so the workbench under test starts exactly as the
 * product does: same Application.e4xmi, life cycle, theme and model fragments.
 */
final class ProductContext implements IApplicationContext {
    private final Map<String, String> properties = new HashMap<>();
    private final String[] args;
    private final String name;

    ProductContext(String productId, String... args) {
        this.args = args;
        String name = productId;
        for (IExtension ext : Platform.getExtensionRegistry().getExtensionPoint("org.eclipse.core.runtime.products").getExtensions()) {
            if (!productId.equals(ext.getUniqueIdentifier())) {
                continue;
            }
            for (IConfigurationElement product : ext.getConfigurationElements()) {
                name = product.getAttribute("name");
                for (IConfigurationElement p : product.getChildren("property")) {
                    properties.put(p.getAttribute("name"), p.getAttribute("value"));
                }
            }
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException("Product " + productId + " not found in the test runtime");
        }
        this.name = name;
    }

    @Override
    public Map<String, Object> getArguments() {
        return Map.of(IApplicationContext.APPLICATION_ARGS, args);
    }

    @Override
    public void applicationRunning() {
        // no splash screen to take down
    }

    @Override
    public String getBrandingApplication() {
        return "org.eclipse.e4.ui.workbench.swt.E4Application";
    }

    @Override
    public String getBrandingName() {
        return name;
    }

    @Override
    public String getBrandingDescription() {
        return name;
    }

    @Override
    public String getBrandingId() {
        return "vn.motcua.app.product";
    }

    @Override
    public String getBrandingProperty(String key) {
        return properties.get(key);
    }

    @Override
    public Bundle getBrandingBundle() {
        return Platform.getBundle("vn.motcua.app");
    }

    @Override
    public void setResult(Object result, IApplication application) {
        // the harness reads nothing back
    }
}
