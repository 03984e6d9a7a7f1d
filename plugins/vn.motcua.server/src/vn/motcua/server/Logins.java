package vn.motcua.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import vn.motcua.core.model.User;

/**
 * A password login, in steps that never hold a database connection while Argon2id runs (19 MiB and tens of
 * milliseconds per hash): the throttle counts the attempt (one short transaction), the account is read (another), the
 * password is checked with no connection held, then the token is written (a third). An unknown, inactive or
 * password-less account is checked against a dummy hash of the same cost, so the answer takes as long as for a wrong
 * password of a real account. Concurrent hashing is bounded, so a flood of logins cannot exhaust the heap.
 */
final class Logins {
    private final ServerDatabase db;
    private final LoginGuard guard;
    private final Passwords passwords;
    private final Tokens tokens;
    private final java.util.concurrent.CompletableFuture<String> dummyHash;
    private final Semaphore hashing = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    Logins(ServerDatabase db, LoginGuard guard, Passwords passwords, Tokens tokens) {
        this.db = db;
        this.guard = guard;
        this.passwords = passwords;
        this.tokens = tokens;
        // Made on another thread: a start is not held up by one more Argon2id, and the first login is later anyway.
        this.dummyHash = java.util.concurrent.CompletableFuture.supplyAsync(() -> passwords.hash(UUID.randomUUID().toString()));
    }

    record Accepted(User user, Tokens.Issued token) {
    }

    Accepted login(String username, String password, String workstation, String address, Locale locale) throws SyncService.Refusal, SQLException {
        LoginGuard.Attempt attempt = guard.begin(username, address, locale);
        Optional<SyncService.StoredUser> account;
        try (ServerDatabase.Pooled p = db.borrow()) {
            account = username == null || username.length() > 60 ? Optional.empty() : SyncService.user(p.connection(), username);
        }
        boolean usable = account.isPresent() && account.get().active() && Passwords.isHash(account.get().hash());
        boolean right = verify(password == null ? "" : password, usable ? account.get().hash() : dummyHash.join()) && usable && password != null;
        if (!right) {
            throw new SyncService.Refusal(401, "auth.failed", SyncService.text(locale, "auth.failed"));
        }
        guard.succeeded(attempt);
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            tokens.purgeExpired(c);
            return new Accepted(account.get().user(), tokens.issue(c, account.get().user().username(), workstation, true));
        }
    }

    /**
     * The hashes to store for accounts an admin sends, made with no connection held: a password that the stored hash
     * already verifies keeps that hash (so re-sending the same list changes nothing and ends no session), any other
     * gets a new one. Accounts without a password are left out (their stored hash stays).
     */
    java.util.Map<String, String> hashes(java.util.List<vn.motcua.sync.api.Messages.UserAccount> accounts) throws SQLException {
        java.util.Map<String, String> stored = new java.util.HashMap<>();
        try (ServerDatabase.Pooled p = db.borrow()) {
            for (vn.motcua.sync.api.Messages.UserAccount a : accounts) {
                if (a.password() != null && !a.password().isEmpty()) {
                    SyncService.user(p.connection(), a.user().username()).ifPresent(u -> stored.put(u.user().username(), u.hash()));
                }
            }
        }
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (vn.motcua.sync.api.Messages.UserAccount a : accounts) {
            if (a.password() == null || a.password().isEmpty()) {
                continue;
            }
            String old = stored.get(a.user().username());
            out.put(a.user().username(), old != null && Passwords.isHash(old) && verify(a.password(), old) ? old : passwords.hash(a.password()));
        }
        return out;
    }

    private boolean verify(String password, String hash) throws SQLException {
        try {
            hashing.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
        try {
            return passwords.verify(password, hash);
        } finally {
            hashing.release();
        }
    }
}
