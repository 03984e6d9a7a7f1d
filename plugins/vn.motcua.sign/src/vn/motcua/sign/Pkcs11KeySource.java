package vn.motcua.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.login.LoginException;

import vn.motcua.sign.SigningException.Reason;

/**
 * Keys on a USB token through Java's SunPKCS11 ({@code jdk.crypto.cryptoki}). One provider per slot (created with
 * an inline {@code --} configuration, never registered globally); tokens are listed by trying {@code slotListIndex}
 * 0, 1, … because SunPKCS11 cannot select by label and slot ids are unstable: the user's choice is remembered by
 * certificate thumbprint.
 *
 * <p>Limits of SunPKCS11 (see docs/signatures.md): it cannot read {@code CKA_ALWAYS_AUTHENTICATE} nor log in with
 * {@code CKU_CONTEXT_SPECIFIC}, so a PIN-per-signature key is detected when its first signature fails with
 * {@code CKR_USER_NOT_LOGGED_IN} ({@link Reason#PIN_PER_SIGNATURE}); it loads a module once per JVM, so a token of
 * a module that only re-reads slots on C_Initialize may need a restart; it does not expose the token's PIN
 * counters, so the remaining tries are unknown unless the error says it is the final try.
 */
public final class Pkcs11KeySource implements SigningKeySource {
    private static final int MAX_SLOTS = 16;
    private static final AtomicInteger SEQ = new AtomicInteger();

    /**
     * PKCS#11 modules of token vendors common in Vietnam, tried in this order when no module is configured. Data,
     * not code: the names come from vendor guides and public integrations (see docs/signatures.md); SoftHSM last.
     */
    public static final Map<String, List<String>> KNOWN_MODULES = Map.of(
            "linux", List.of(
                    "/usr/lib/libeTPkcs11.so", "/usr/lib64/libeTPkcs11.so", "/usr/lib/libeToken.so", // SafeNet (Ban Cơ yếu)
                    "/usr/lib/libbit4xpki.so", "/usr/lib/libbit4ipki.so", "/lib/bit4id/libbit4xpki.so", "/usr/lib/bit4id/libbit4xpki.so", // Bit4id
                    "/usr/lib/libcastle.so.1", "/usr/lib/libcastle_v2.so.1.0.0", "/usr/lib/libshuttle_p11v220.so.1.0.0", // Feitian ePass2003
                    "/usr/lib/libvnptca_p11.so", "/usr/lib/libviettel-ca.so", // VNPT-CA, Viettel-CA middleware (names seen, unverified)
                    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so", // OpenSC (ePass2003)
                    "/usr/lib/softhsm/libsofthsm2.so"),
            "windows", List.of(
                    "C:\\Windows\\System32\\eTPKCS11.dll", // SafeNet
                    "C:\\Windows\\System32\\bit4xpki.dll", "C:\\Windows\\System32\\bit4ipki.dll", // Bit4id
                    "C:\\Windows\\System32\\ShuttleCsp11_3003.dll", "C:\\Windows\\System32\\eps2003csp11.dll", // Feitian ePass2003
                    "C:\\Windows\\System32\\vnptca_p11_v10.dll", "C:\\Windows\\System32\\vnptca_p11_v8.dll",
                    "C:\\Windows\\System32\\vnptca_p11_v6.dll", "C:\\Windows\\System32\\vnpt-ca_csp11.dll", // VNPT-CA
                    "C:\\Windows\\System32\\viettel-ca_v6.dll", "C:\\Windows\\System32\\viettel-ca_v5.dll",
                    "C:\\Windows\\System32\\viettel-ca.dll", // Viettel-CA
                    "C:\\Windows\\System32\\fpt-ca.dll", "C:\\Windows\\System32\\BkavCA.dll", "C:\\Windows\\System32\\st3csp11.dll",
                    "C:\\Windows\\System32\\CA2_csp11.dll", "C:\\Windows\\System32\\gclib.dll", "C:\\Windows\\System32\\wdpkcs.dll",
                    "C:\\Windows\\System32\\opensc-pkcs11.dll"),
            "mac", List.of("/usr/local/lib/libeTPkcs11.dylib", "/usr/local/lib/libbit4xpki.dylib", "/usr/local/lib/nca_v6.dylib",
                    "/Library/OpenSC/lib/opensc-pkcs11.so"));

    private final Path module;
    private final List<Provider> slots = new ArrayList<>();
    private boolean scanned;

    public Pkcs11KeySource(Path module) {
        this.module = module;
    }

    /** The configured module if set, else the first known module present on this OS. */
    public static Pkcs11KeySource detect(Path configured) throws SigningException {
        if (configured != null) {
            if (!Files.isRegularFile(configured)) {
                throw new SigningException(Reason.MODULE_NOT_FOUND, configured.toString());
            }
            return new Pkcs11KeySource(configured);
        }
        Optional<Path> found = findModule(System.getProperty("os.name", ""));
        return new Pkcs11KeySource(found.orElseThrow(
                () -> new SigningException(Reason.MODULE_NOT_FOUND, String.join(", ", candidates(System.getProperty("os.name", ""))))));
    }

    public static List<String> candidates(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return KNOWN_MODULES.getOrDefault(os.startsWith("windows") ? "windows" : os.contains("mac") ? "mac" : "linux", List.of());
    }

    public static Optional<Path> findModule(String osName) {
        return candidates(osName).stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    public Path module() {
        return module;
    }

    @Override
    public String description() {
        return "PKCS#11: " + module;
    }

    @Override
    public synchronized List<KeyToken> tokens() throws SigningException {
        if (!Files.isRegularFile(module)) {
            throw new SigningException(Reason.MODULE_NOT_FOUND, module.toString());
        }
        if (!scanned) {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new SigningException(Reason.UNSUPPORTED, "SunPKCS11 (jdk.crypto.cryptoki) missing from this Java");
            }
            String lib = module.toAbsolutePath().toString().replace("\\", "\\\\");
            for (int i = 0; i < MAX_SLOTS; i++) {
                String cfg = "--name = motcua" + SEQ.incrementAndGet() + "s" + i + "\nlibrary = \"" + lib + "\"\nslotListIndex = " + i + "\n";
                try {
                    slots.add(base.configure(cfg));
                } catch (RuntimeException e) {
                    String all = chainText(e);
                    if (all.contains("only has") || all.contains("no slots")) {
                        break; // past the last slot
                    }
                    if (all.contains("CKR_TOKEN_NOT_RECOGNIZED") || all.contains("CKR_TOKEN_NOT_PRESENT")) {
                        continue; // empty slot
                    }
                    if (i == 0) {
                        throw Pkcs11Errors.map(e, false);
                    }
                    break;
                }
            }
            scanned = true;
        }
        List<KeyToken> out = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Provider p = slots.get(i);
            if (p.getService("KeyStore", "PKCS11") != null) { // only registered while a token is present
                out.add(new KeyToken(description(), i, p.getName()));
            }
        }
        return out;
    }

    @Override
    public SigningSession open(KeyToken token, char[] pin) throws SigningException {
        try {
            Provider p;
            synchronized (this) {
                if (token.index() < 0 || token.index() >= slots.size()) {
                    throw new SigningException(Reason.NO_TOKEN, token.label());
                }
                p = slots.get(token.index());
            }
            KeyStore ks;
            try {
                ks = KeyStore.getInstance("PKCS11", p);
                ks.load(null, pin);
            } catch (Exception e) {
                throw Pkcs11Errors.map(e, false);
            } finally {
                if (pin != null) {
                    Arrays.fill(pin, '\0');
                }
            }
            return new KeyStoreSession(ks, null, p, KeyStoreSession.HashMode.DIGEST_INFO, false, description(), () -> logout(p));
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    private static void logout(Provider p) {
        try {
            if (p instanceof AuthProvider a) {
                a.logout();
            }
        } catch (LoginException | RuntimeException ignored) {
            // token gone: nothing to log out of
        }
    }

    private static String chainText(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null && b.length() < 5000; c = c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }
}
