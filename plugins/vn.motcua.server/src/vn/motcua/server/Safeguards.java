package vn.motcua.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's protective settings (docs/security.md): login throttling, request and JSON limits, number-block quotas,
 * abandoned uploads, TLS, trusted proxies and the key that wraps escrowed workstation keys. Every key can come from
 * the environment like the rest of {@link ServerConfig} ({@code login.account.free} → {@code MOTCUA_LOGIN_ACCOUNT_FREE}).
 *
 * @param accountFreeFailures   wrong passwords an account may have before each further attempt waits
 * @param addressFreeFailures   the same per client address (higher: a commune office is one address behind its router)
 * @param firstDelay            the first wait once the free failures are used up; each further failure doubles it
 * @param maxDelay              the longest wait
 * @param forgetFailuresAfter   a throttle row with no failure for this long starts again from zero (and is purged)
 * @param pushBytes             largest push body
 * @param referenceBytes        largest admin reference body (the whole catalogue)
 * @param jsonStringChars       longest JSON string value
 * @param jsonDepth             deepest JSON nesting
 * @param blocksPerDay          number blocks one workstation may reserve per day
 * @param maxBlockSize          most numbers in one block
 * @param abandonUploadsAfter   chunks of an upload untouched for this long are deleted
 * @param pendingUploadBytes    unfinished upload bytes an agency may hold at once
 * @param housekeepingEvery     how often expired tokens, stale throttle rows and abandoned uploads are purged
 * @param tlsKeystore           PKCS#12 keystore of the server's TLS certificate; null = plain HTTP (behind a proxy)
 * @param tlsKeystorePassword   its password (from {@code tls.keystore.password} or {@code tls.keystore.password.file})
 * @param trustedProxies        addresses (or CIDR ranges) of reverse proxies whose {@code X-Forwarded-For} is believed
 * @param keyWrapKeys           {@code id:base64} list, current first, from {@code key.wrap.keys}; empty = use the file
 * @param keyWrapFile           the wrapping keys' file (one {@code id:base64} a line, current first), made when absent
 */
public record Safeguards(int accountFreeFailures, int addressFreeFailures, Duration firstDelay, Duration maxDelay,
        Duration forgetFailuresAfter, long pushBytes, long referenceBytes, int jsonStringChars, int jsonDepth, int blocksPerDay,
        int maxBlockSize, Duration abandonUploadsAfter, long pendingUploadBytes, Duration housekeepingEvery, Path tlsKeystore,
        String tlsKeystorePassword, List<String> trustedProxies, String keyWrapKeys, Path keyWrapFile) {

    static Safeguards load(Properties p, Map<String, String> env, Path base, Path dataDir) throws IOException {
        String keystore = ServerConfig.value(p, env, "tls.keystore", "");
        String password = ServerConfig.value(p, env, "tls.keystore.password", "");
        String passwordFile = ServerConfig.value(p, env, "tls.keystore.password.file", "");
        if (password.isEmpty() && !passwordFile.isEmpty()) {
            password = Files.readString(base.resolve(passwordFile), StandardCharsets.UTF_8).strip();
        }
        String keyFile = ServerConfig.value(p, env, "key.wrap.file", "");
        return new Safeguards(integer(p, env, "login.account.free", 5), integer(p, env, "login.address.free", 30),
                Duration.ofMillis(integer(p, env, "login.delay.first.ms", 1000)),
                Duration.ofSeconds(integer(p, env, "login.delay.max.seconds", 900)),
                Duration.ofMinutes(integer(p, env, "login.forget.minutes", 60)),
                integer(p, env, "limit.push.kb", 16 * 1024) * 1024L, integer(p, env, "limit.reference.kb", 32 * 1024) * 1024L,
                integer(p, env, "limit.json.string.kb", 1024) * 1024, integer(p, env, "limit.json.depth", 64),
                integer(p, env, "numberblocks.per.day", 100), integer(p, env, "numberblocks.max.size", 500),
                Duration.ofHours(integer(p, env, "upload.abandon.hours", 24)), integer(p, env, "upload.pending.mb", 1024) * 1024L * 1024L,
                Duration.ofSeconds(integer(p, env, "housekeeping.seconds", 3600)),
                keystore.isEmpty() ? null : base.resolve(keystore), password,
                Arrays.stream(ServerConfig.value(p, env, "trusted.proxies", "").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                ServerConfig.value(p, env, "key.wrap.keys", ""),
                keyFile.isEmpty() ? dataDir.resolve("key-wrap.keys") : base.resolve(keyFile));
    }

    private static int integer(Properties p, Map<String, String> env, String key, int fallback) {
        String v = ServerConfig.value(p, env, key, Integer.toString(fallback));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " is not a whole number: " + v, e);
        }
    }

    @Override
    public String toString() {
        // Never print the keystore password or the wrapping keys.
        return "Safeguards[login " + accountFreeFailures + "/" + addressFreeFailures + " free, tls=" + (tlsKeystore != null) + ", proxies="
                + trustedProxies + "]";
    }
}
