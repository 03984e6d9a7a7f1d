package vn.motcua.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.h2.api.ErrorCode;

import vn.motcua.core.code.NumberBlock;
import vn.motcua.core.code.NumberBlockStore;

/**
 * Number blocks and issued dossier numbers in the local cache (schema 3). {@link #markIssued} is one committed
 * INSERT on the (agency, day, number) primary key: two allocations racing for one number cannot both win, and
 * a number is durable before the receipt that shows it is printed.
 */
public final class JdbcNumberBlockStore implements NumberBlockStore {
    private final LocalCache cache;

    public JdbcNumberBlockStore(LocalCache cache) {
        this.cache = cache;
    }

    @Override
    public List<NumberBlock> blocks(String workstationId, String agencyCode, LocalDate day) {
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT from_seq, to_seq FROM number_block WHERE workstation = ? AND agency_code = ? AND issue_day = ? ORDER BY from_seq")) {
            p.setString(1, workstationId);
            p.setString(2, agencyCode);
            p.setDate(3, Date.valueOf(day));
            List<NumberBlock> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new NumberBlock(agencyCode, day, r.getInt(1), r.getInt(2), workstationId));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read number blocks: " + e.getMessage(), e);
        }
    }

    @Override
    public void addBlock(NumberBlock b) {
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "MERGE INTO number_block(agency_code, issue_day, from_seq, to_seq, workstation) KEY(agency_code, issue_day, from_seq) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, b.agencyCode());
            p.setDate(2, Date.valueOf(b.day()));
            p.setInt(3, b.from());
            p.setInt(4, b.to());
            p.setString(5, b.workstationId());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store a number block: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<Integer> issued(String workstationId, String agencyCode, LocalDate day) {
        // Every number of the agency and day this cache knows, whoever issued it: none may be issued twice.
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT seq FROM issued_number WHERE agency_code = ? AND issue_day = ?")) {
            p.setString(1, agencyCode);
            p.setDate(2, Date.valueOf(day));
            Set<Integer> out = new HashSet<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getInt(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read issued numbers: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean markIssued(String workstationId, String agencyCode, LocalDate day, int sequence) {
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO issued_number(agency_code, issue_day, seq, workstation) VALUES (?, ?, ?, ?)")) {
            p.setString(1, agencyCode);
            p.setDate(2, Date.valueOf(day));
            p.setInt(3, sequence);
            p.setString(4, workstationId);
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                return false;
            }
            throw new IllegalStateException("Cannot record an issued number: " + e.getMessage(), e);
        }
    }

    /** A number that reached a receipt stays issued, so the counter can never give it again. */
    static void issued(jakarta.persistence.EntityManager em, String code, String workstation) {
        java.util.Optional<vn.motcua.core.code.DossierCode> parsed = vn.motcua.core.code.DossierCode.parse(code);
        if (parsed.isEmpty()) {
            return;
        }
        em.createNativeQuery("MERGE INTO issued_number (agency_code, issue_day, seq, workstation) KEY (agency_code, issue_day, seq) VALUES (?, ?, ?, ?)")
                .setParameter(1, parsed.get().agencyCode()).setParameter(2, java.sql.Date.valueOf(parsed.get().receptionDate()))
                .setParameter(3, parsed.get().sequence()).setParameter(4, workstation == null ? "" : workstation).executeUpdate();
    }


    /**
     * Numbers of dossiers the server sent that could still be issued here (today's and yesterday's): among the issued
     * ones, so a cache that came back older — and lost its own record of them — never gives them again.
     */
    static void issuedByOthers(jakarta.persistence.EntityManager em, java.util.List<vn.motcua.core.model.Dossier> dossiers) {
        LocalDate since = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);
        for (vn.motcua.core.model.Dossier d : dossiers) {
            vn.motcua.core.code.DossierCode.parse(d.code()).filter(c -> !c.receptionDate().isBefore(since))
                    .ifPresent(c -> issued(em, d.code(), d.events().isEmpty() ? "" : d.events().get(0).workstationId()));
        }
    }

    /**
     * Every number of the workstation's blocks and offline slice of that day becomes issued: the cache came back older
     * than the server's knowledge of it, so some of them may be on receipts it no longer knows. Later receptions take
     * numbers from new blocks.
     *
     * @return how many numbers were retired
     */
    public int retire(String workstationId, String agencyCode, LocalDate day, int fallbackSlot) {
        List<NumberBlock> all = new ArrayList<>(blocks(workstationId, agencyCode, day));
        if (fallbackSlot > 0) {
            all.add(vn.motcua.core.code.OfflineFallbackPolicy.standard().blockFor(agencyCode, day, fallbackSlot, workstationId));
        }
        int n = 0;
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "MERGE INTO issued_number(agency_code, issue_day, seq, workstation) KEY (agency_code, issue_day, seq) VALUES (?, ?, ?, ?)")) {
            for (NumberBlock b : all) {
                for (int i = b.from(); i <= b.to(); i++) {
                    p.setString(1, agencyCode);
                    p.setDate(2, Date.valueOf(day));
                    p.setInt(3, i);
                    p.setString(4, workstationId);
                    p.addBatch();
                    n++;
                }
            }
            p.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot retire numbers: " + e.getMessage(), e);
        }
        cache.changed();
        return n;
    }
}
