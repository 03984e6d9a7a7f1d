package vn.motcua.store.internal.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema 11's data step: fills {@code procedure_search_token} for the catalogue already in the cache, with the tokens
 * {@link SearchTokens#ofProcedure} gives the live writes. Runs inside the migration's transaction and can run
 * again from the start.
 *
 * <p>It leaves the procedure rows (code, name words) that dossiers written before schema 11 have in
 * {@code dossier_search_token}.
 * Deleting them was measured at 156 s on a 200,000-dossier cache (2.4 million rows, ~65 µs each in the encrypted
 * file; a quarter of an hour at a million), in a start-up with no progress shown, while they change no result: every
 * candidate is checked on search_text, where those words are. They go when their dossier is next written (the
 * entity's token set is changed in place) and meanwhile only count twice in the planner's estimate.
 */
public final class ProcedureSearchBackfill {
    private ProcedureSearchBackfill() {
    }

    public static void run(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); PreparedStatement insert = c.prepareStatement(
                "MERGE INTO procedure_search_token(token, procedure_id) KEY (token, procedure_id) VALUES (?, ?)")) {
            try (ResultSet r = s.executeQuery("SELECT id, code, name FROM procedure_def")) {
                while (r.next()) {
                    for (String token : SearchTokens.ofProcedure(r.getString(2), r.getString(3))) {
                        insert.setString(1, token);
                        insert.setLong(2, r.getLong(1));
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }
}
