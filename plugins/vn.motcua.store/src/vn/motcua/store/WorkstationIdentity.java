package vn.motcua.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who this workstation is to the sync server: a random identity made with the data folder ({@value #FILE}), never the
 * host name alone — two PCs cloned from one disk image share a host name until someone renames one, and they used to
 * share an offline numbering slice with it. The server enrols the identity at its first login and gives it its own slot
 * of the offline number slices and its own number blocks.
 *
 * <p>Beside the identity the file keeps a fingerprint of the machine it was made on (its host name and the hashed
 * hardware addresses of its network cards). A data folder that wakes up on another machine — a disk image with the
 * folder already made, copied onto many PCs — is seen as such: the host name changed, or none of the network cards it
 * knew is there any more. It then takes a new identity ({@link #replaced()}); the old one stays with the original PC.
 * One card added or removed is not another machine.
 *
 * @param id         the identity, e.g. {@code UBND-PC3-7K3QX9M2PA}: the host name for people reading logs, then random
 * @param created    made now, for a new data folder or a copied one
 * @param previousId the identity the folder had before a copy was detected (null otherwise)
 */
public record WorkstationIdentity(String id, boolean created, String previousId) {
    public static final String FILE = "workstation.properties";
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** The machine as seen from here: host name and hashed hardware addresses. */
    public record Machine(String host, Set<String> cards) {
        /** The machine this runs on. */
        public static Machine current() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = System.getenv().getOrDefault("COMPUTERNAME", System.getenv().getOrDefault("HOSTNAME", ""));
            }
            Set<String> cards = new TreeSet<>();
            try {
                for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    byte[] mac = n.getHardwareAddress();
                    if (!n.isLoopback() && !n.isVirtual() && mac != null && mac.length == 6 && !allZero(mac)) {
                        cards.add(hash(HexFormat.of().formatHex(mac)).substring(0, 16));
                    }
                }
            } catch (IOException e) {
                // no cards readable: the host name alone tells machines apart
            }
            return new Machine(host, cards);
        }

        /** The same machine: the host name is the same and, when both know cards, at least one card is still there. */
        boolean sameAs(Machine other) {
            if (!host.equalsIgnoreCase(other.host)) {
                return false;
            }
            return cards.isEmpty() || other.cards.isEmpty() || !Collections.disjoint(cards, other.cards);
        }
    }

    /**
     * The identity of the data folder on this machine: read, made (a new folder), or made anew (a folder copied from
     * another machine). {@code legacyId} is what an existing folder without an identity file was known as (the host name
     * before identities existed): it keeps that name, so its slot and blocks on the server stay its own.
     */
    public static WorkstationIdentity resolve(Path dataDir, Machine machine, String legacyId) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String id = p.getProperty("id", "").strip();
            Machine was = new Machine(p.getProperty("host", ""), new TreeSet<>(List.of(p.getProperty("cards", "").split(",")).stream()
                    .filter(c -> !c.isBlank()).toList()));
            if (!id.isEmpty() && was.sameAs(machine)) {
                if (!was.cards.containsAll(machine.cards)) {
                    write(file, id, machine); // a card added: remembered, so removing the old one later is not a move
                }
                return new WorkstationIdentity(id, false, null);
            }
            String fresh = newId(machine.host());
            write(file, fresh, machine);
            return new WorkstationIdentity(fresh, true, id.isEmpty() ? null : id);
        }
        String id = legacyId != null && !legacyId.isBlank() ? legacyId : newId(machine.host());
        Files.createDirectories(dataDir);
        write(file, id, machine);
        return new WorkstationIdentity(id, legacyId == null || legacyId.isBlank(), null);
    }

    /** The folder was copied from another machine and took a new identity. */
    public boolean replaced() {
        return previousId != null;
    }

    static String newId(String host) {
        String name = host == null ? "" : host.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
        name = name.length() > 20 ? name.substring(0, 20) : name;
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(name.isEmpty() ? "WS" : name).append('-');
        for (int i = 0; i < 10; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** Written beside, forced, moved over: a crash leaves the old file or the new one, never half of one. */
    private static void write(Path file, String id, Machine machine) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("host", machine.host());
        p.setProperty("cards", String.join(",", machine.cards()));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "MotCua Desk workstation identity: made with this data folder; do not copy it to another PC");
        }
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
