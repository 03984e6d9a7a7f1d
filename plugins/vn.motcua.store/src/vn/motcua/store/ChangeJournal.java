package vn.motcua.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

import vn.motcua.sync.api.SyncJson;

/**
 * The data folder's journal of acknowledged local changes ({@value #FILE}), outside the H2 file: every local change the
 * user is told about (a lifecycle step with its outbox command, a document added) is appended here and forced to disk
 * ({@code fsync}) right after its H2 transaction committed and before the call that made it returns. H2 writes its
 * commits to the operating system without forcing them; after a power cut (or anything else that brings the cache back
 * older) the records the cache lacks are replayed into it when it is opened ({@link LocalCache#recovery()}).
 *
 * <p>Format: a header {@code "MCJ2"}, base sequence (8 bytes: the highest record sequence ever trimmed away), CRC32C of
 * those 12 bytes; then records {@code [length:4][CRC32C of the payload:4][payload]}, the payload a record as JSON sealed
 * with a key derived from the cache key ({@link JournalSeal}: citizens' data is never in clear beside the encrypted cache). A
 * record whose length or checksum does not match — a torn last write — ends the readable journal: it and anything
 * after it are never replayed; the file is then kept aside in {@code damaged/} and cut back to its last whole record.
 *
 * <p>What stays: records the server has not answered yet, and every record of today and yesterday (a dossier number
 * can only be issued again on its own day). {@link #rewrite} drops the rest when the cache opens.
 */
public final class ChangeJournal implements AutoCloseable {
    /** The journal's file in the data folder (not {@code motcua.*}: it must stay when a damaged cache file is set aside). */
    public static final String FILE = "changes.journal";
    private static final byte[] MAGIC = "MCJ2".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 16;
    /** A record longer than this is damage, not data (scans are at most 20 MB each; base64 adds a third). */
    private static final int MAX_RECORD = 256 << 20;

    /** A document written with a change (a scan at the counter, a signed result), content included. */
    public record Document(String kind, String name, String mediaType, String createdBy, String note, String content) {
        static Document of(DossierDocuments.NewDocument d) {
            return new Document(d.kind().name(), d.name(), d.mediaType(), d.createdBy(), d.note(), Base64.getEncoder().encodeToString(d.content()));
        }

        DossierDocuments.NewDocument toNew(String dossierCode) {
            return new DossierDocuments.NewDocument(dossierCode, DossierDocuments.Kind.valueOf(kind), name, mediaType,
                    Base64.getDecoder().decode(content), createdBy, note == null ? "" : note);
        }
    }

    /**
     * One acknowledged change: {@code command} is the outbox's push command as JSON (null for a document added on its
     * own), {@code action} the lifecycle step it records.
     */
    public record Entry(long seq, Instant at, String dossierCode, String action, String mutationId, String command, List<Document> documents) {
    }

    /**
     * Where one whole record is and what it is about, without its documents: a journal holding a day of scans is read
     * at opening without holding it in memory; a record is read whole only to be replayed ({@link #entry}).
     */
    record Record(long seq, java.time.Instant at, String dossierCode, String action, String mutationId, boolean documents, long position,
            int length) {
    }

    /** What {@link #open} found: the whole records, and what it ignored. */
    record Reading(List<Record> records, long baseSeq, long ignoredBytes, Path keptAside) {
    }

    private final Path file;
    private final SyncJson json;
    private final JournalSeal seal;
    private FileChannel channel;
    private long baseSeq;
    private final AtomicLong syncs = new AtomicLong();

    private ChangeJournal(Path file, SyncJson json, JournalSeal seal, FileChannel channel, long baseSeq) {
        this.file = file;
        this.json = json;
        this.seal = seal;
        this.channel = channel;
        this.baseSeq = baseSeq;
    }

    /**
     * Opens (or creates) the journal of a data folder and reads it whole. A torn or damaged tail is kept aside in
     * {@code damaged/<time>/} and cut off, so appends continue after the last whole record.
     */
    static Opened open(Path dataDir, SyncJson json, CacheKey key) throws IOException {
        JournalSeal seal = new JournalSeal(key);
        Path file = dataDir.resolve(FILE);
        boolean created = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (created || ch.size() < HEADER) {
                writeHeader(ch, 0);
                ch.truncate(HEADER);
                ch.position(HEADER);
                ch.force(true);
                forceDirectory(dataDir);
                return new Opened(new ChangeJournal(file, json, seal, ch, 0), new Reading(List.of(), 0, 0, null));
            }
            Reading r = read(ch, json, seal);
            Path aside = null;
            long good = ch.size() - r.ignoredBytes();
            if (r.ignoredBytes() > 0) {
                aside = keepAside(dataDir, file);
                if (good < HEADER) {
                    // Not a journal at all: it starts again, empty (the copy aside keeps what was there).
                    writeHeader(ch, 0);
                    good = HEADER;
                }
                ch.truncate(good);
                ch.force(true);
            }
            ch.position(good);
            return new Opened(new ChangeJournal(file, json, seal, ch, r.baseSeq()), new Reading(r.records(), r.baseSeq(), r.ignoredBytes(), aside));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    record Opened(ChangeJournal journal, Reading reading) {
    }

    private static Reading read(FileChannel ch, SyncJson json, JournalSeal seal) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        ch.read(head, 0);
        head.flip();
        byte[] magic = new byte[4];
        head.get(magic);
        long base = head.getLong();
        int crc = head.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || crc != crc(head.array(), 0, 12)) {
            // Not a journal we wrote (or its header was torn when it was rewritten): nothing in it is trusted.
            return new Reading(List.of(), 0, ch.size(), null);
        }
        List<Record> records = new ArrayList<>();
        long pos = HEADER;
        long size = ch.size();
        ByteBuffer frame = ByteBuffer.allocate(8);
        while (pos < size) {
            frame.clear();
            if (size - pos < 8 || ch.read(frame, pos) < 8) {
                break;
            }
            frame.flip();
            int length = frame.getInt();
            int sum = frame.getInt();
            if (length <= 0 || length > MAX_RECORD || pos + 8 + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            while (payload.hasRemaining() && ch.read(payload, pos + 8 + payload.position()) > 0) {
                // read the whole record
            }
            if (payload.hasRemaining() || crc(payload.array(), 0, length) != sum) {
                break;
            }
            Entry e;
            try {
                e = json.read(seal.open(payload.array()), Entry.class);
            } catch (IOException | RuntimeException | java.security.GeneralSecurityException unreadable) {
                break;
            }
            records.add(new Record(e.seq(), e.at(), e.dossierCode(), e.action(), e.mutationId(), e.documents() != null && !e.documents().isEmpty(),
                    pos + 8, length));
            pos += 8 + length;
        }
        return new Reading(records, base, size - pos, null);
    }

    /** The whole record (its checksum was checked when the journal was opened). */
    synchronized Entry entry(Record r) throws IOException {
        try {
            return json.read(seal.open(payload(r)), Entry.class);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("journal record " + r.seq() + " does not open (it did when the journal was read)", e);
        }
    }

    private byte[] payload(Record r) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(r.length());
        while (b.hasRemaining() && channel.read(b, r.position() + b.position()) > 0) {
            // read the whole record
        }
        return b.array();
    }

    /** Appends whole records and forces them to disk once: when this returns, a power cut no longer loses them. */
    synchronized void append(List<Entry> entries) throws IOException {
        List<ByteBuffer> frames = new ArrayList<>();
        for (Entry e : entries) {
            frames.add(frame(seal.seal(json.write(e))));
        }
        for (ByteBuffer b : frames) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
        // fdatasync on Linux (FlushFileBuffers on Windows): the records and the file length that reads them back.
        channel.force(false);
        syncs.incrementAndGet();
    }

    /**
     * Replaces the journal by one holding only {@code keep} — whole, or without their documents when {@code lighten}
     * says the server has those — with {@code newBase} as the highest trimmed sequence; written beside it, forced, then
     * moved over it atomically, so a crash leaves one journal or the other.
     */
    synchronized void rewrite(List<Record> keep, java.util.function.Predicate<Record> lighten, long newBase) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".new");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeHeader(out, newBase);
            out.position(HEADER);
            for (Record r : keep) {
                ByteBuffer b;
                if (r.documents() && lighten.test(r)) {
                    Entry e = entry(r);
                    b = frame(seal.seal(json.write(new Entry(e.seq(), e.at(), e.dossierCode(), e.action(), e.mutationId(), e.command(), List.of()))));
                } else {
                    b = frame(payload(r));
                }
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            out.force(true);
        }
        channel.close();
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
        baseSeq = newBase;
        syncs.incrementAndGet();
    }

    /** The highest sequence trimmed away (0 when nothing was). */
    long baseSeq() {
        return baseSeq;
    }

    /** How many times this journal forced its file to disk since it was opened. */
    public long syncs() {
        return syncs.get();
    }

    /** The journal's size in bytes. */
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
        return b;
    }

    private static void writeHeader(FileChannel ch, long base) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.put(MAGIC).putLong(base);
        b.putInt(crc(b.array(), 0, 12)).flip();
        while (b.hasRemaining()) {
            ch.write(b, b.position());
        }
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    private static Path keepAside(Path dataDir, Path file) throws IOException {
        Path dir = dataDir.resolve(CacheOpener.DAMAGED_DIR).resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Path copy = dir.resolve(FILE);
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** A new or renamed file's directory entry reaches the disk only when the directory itself is forced (Linux). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a file; NTFS journals its directory entries itself.
        }
    }
}
