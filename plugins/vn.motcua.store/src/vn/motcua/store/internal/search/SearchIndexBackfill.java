package vn.motcua.store.internal.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills {@code dossier_search_token} and rewrites {@code dossier.search_text} (see SearchTokens#searchText) for the dossiers a version-1 cache already holds. Runs inside the
 * migration's transaction, so a crash mid-way leaves the cache at version 1 and the next start redoes it.
 */
public final class SearchIndexBackfill {
    private SearchIndexBackfill() {
    }

    public static void run(Connection c) throws SQLException {
        String select = "SELECT d.id, d.code, d.applicant_name, d.applicant_id_number, d.applicant_phone, d.procedure_code, p.name"
                + " FROM dossier d LEFT JOIN procedure_def p ON p.code = d.procedure_code AND p.version = d.procedure_version";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select);
                PreparedStatement insert = c.prepareStatement("INSERT INTO dossier_search_token(token, dossier_id) VALUES (?, ?)");
                PreparedStatement text = c.prepareStatement("UPDATE dossier SET search_text = ? WHERE id = ?")) {
            int pending = 0;
            while (r.next()) {
                long id = r.getLong(1);
                // As the live writes (Mapping.fill): search_text with the procedure's code and name, the rows without.
                text.setString(1, SearchTokens.searchText(SearchTokens.ofDossier(r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7))));
                text.setLong(2, id);
                text.addBatch();
                for (String token : SearchTokens.indexedOfDossier(r.getString(2), r.getString(3), r.getString(4), r.getString(5))) {
                    insert.setString(1, token);
                    insert.setLong(2, id);
                    insert.addBatch();
                    if (++pending % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
            text.executeBatch();
        }
    }
}
