package vn.motcua.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Limits on dossier-number blocks: a block holds 1 to {@code numberblocks.max.size} numbers, is for yesterday, today or
 * tomorrow (Vietnam time: a workstation's clock near midnight), and one workstation reserves at most
 * {@code numberblocks.per.day} blocks a day. A workstation asks for 50 at a time when fewer than 20 are left, so a
 * busy counter uses a handful; a flood would otherwise burn an agency's day of numbers and fill the table.
 */
final class NumberBlockQuota {
    private final Safeguards rules;

    NumberBlockQuota(Safeguards rules) {
        this.rules = rules;
    }

    /** Refuses a bad request (400) before anything is locked. */
    void checkRequest(int size, LocalDate day, LocalDate today, Locale locale) throws SyncService.Refusal {
        if (size < 1 || size > rules.maxBlockSize()) {
            throw new SyncService.Refusal(400, "numberBlock.size", SyncService.text(locale, "numberBlock.size", size, rules.maxBlockSize()));
        }
        if (day.isBefore(today.minusDays(1)) || day.isAfter(today.plusDays(1))) {
            throw new SyncService.Refusal(400, "numberBlock.day", SyncService.text(locale, "numberBlock.day", day, today));
        }
    }

    /** Refuses (429, until the next day) a workstation that already has its day's blocks; called inside the reservation's lock. */
    void checkQuota(Connection c, String agency, String workstation, LocalDate day, ZonedDateTime now, Locale locale) throws SQLException, SyncService.Refusal {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM number_block WHERE workstation = ? AND issue_day = ? AND agency_code = ?")) {
            s.setString(1, workstation);
            s.setObject(2, day);
            s.setString(3, agency);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) >= rules.blocksPerDay()) {
                    Duration untilTomorrow = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()));
                    throw new RetryLater("numberBlock.quota", SyncService.text(locale, "numberBlock.quota", workstation, rules.blocksPerDay(), day),
                            untilTomorrow);
                }
            }
        }
    }
}
