package vn.motcua.core.code;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A workstation's local store, in memory, for tests. */
final class InMemoryNumberBlockStore implements NumberBlockStore {
    private final List<NumberBlock> blocks = new ArrayList<>();
    private final Map<String, Set<Integer>> issued = new HashMap<>();
    /** Makes the next markIssued fail once, as if another thread won the race. */
    int racesToLose;

    private static String key(String ws, String agency, LocalDate day) {
        return ws + "|" + agency + "|" + day;
    }

    @Override
    public synchronized List<NumberBlock> blocks(String workstationId, String agencyCode, LocalDate day) {
        return blocks.stream().filter(b -> b.workstationId().equals(workstationId)
                && b.agencyCode().equals(agencyCode) && b.day().equals(day)).toList();
    }

    @Override
    public synchronized void addBlock(NumberBlock block) {
        blocks.add(block);
    }

    @Override
    public synchronized Set<Integer> issued(String workstationId, String agencyCode, LocalDate day) {
        return Set.copyOf(issued.getOrDefault(key(workstationId, agencyCode, day), Set.of()));
    }

    @Override
    public synchronized boolean markIssued(String workstationId, String agencyCode, LocalDate day, int sequence) {
        Set<Integer> s = issued.computeIfAbsent(key(workstationId, agencyCode, day), k -> new HashSet<>());
        if (racesToLose > 0) {
            racesToLose--;
            s.add(sequence); // the other thread took it
            return false;
        }
        return s.add(sequence);
    }
}
