package vn.motcua.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening a cache found when it compared the cache with its data folder's journal of acknowledged changes
 * ({@link ChangeJournal}).
 *
 * @param cacheSeq     the last journaled change the cache held when it was opened
 * @param journalSeq   the last change the journal says was acknowledged here
 * @param journalBase  the last change trimmed from the journal (its server already had it)
 * @param restored     changes put back into the cache from the journal, as "ACTION code"
 * @param notRestored  changes the journal holds that could not be put back, with why
 * @param ignoredBytes bytes at the end of the journal that were not a whole record (a torn last write): never replayed
 * @param keptAside    where the journal was copied before its unreadable tail was cut off (null when nothing was)
 */
public record JournalRecovery(long cacheSeq, long journalSeq, long journalBase, List<String> restored, List<String> notRestored, long ignoredBytes,
        Path keptAside) {
    /** The cache came back older than the changes acknowledged on this workstation. */
    public boolean olderThanJournal() {
        return cacheSeq < journalSeq;
    }

    /**
     * The cache is older than what the journal still holds: changes trimmed from the journal (once the server had them)
     * are missing here too, and only the next sync can bring them back.
     */
    public boolean missingBeyondJournal() {
        return cacheSeq < journalBase;
    }

    /** Nothing to tell the user: the cache held everything and the journal was whole. */
    public boolean clean() {
        return !olderThanJournal() && ignoredBytes == 0;
    }
}
