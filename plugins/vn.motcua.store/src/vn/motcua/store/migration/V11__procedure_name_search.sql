-- MộtCửa Desk local cache, schema version 11: fewer rows and index entries per dossier, for the first sync (issue 6).
-- The words of a dossier's procedure (code and name) are shared by thousands of dossiers, and were about 13 of a
-- dossier's ~22 rows in dossier_search_token: the largest part of what a first sync writes. They are now rows of
-- the procedure instead (written by EclipseLink with procedure_def, only ever added to, so a renamed procedure
-- keeps its former words); a query word w reaches dossiers through the procedures having a word in
-- [w, w + U+FFFF), then dossier.procedure_code, and every candidate is checked on dossier.search_text, which still
-- holds the procedure's words.
-- The Java step after this script (Migrations.AFTER, ProcedureSearchBackfill) fills the table for the catalogue
-- already here. The procedure rows of dossiers already here stay (see ProcedureSearchBackfill for why): harmless,
-- as every candidate is checked on search_text, and dropped when their dossier is next written.
CREATE TABLE procedure_search_token (
  token         VARCHAR(64) NOT NULL,
  procedure_id  BIGINT      NOT NULL REFERENCES procedure_def(id) ON DELETE CASCADE,
  PRIMARY KEY (token, procedure_id)
);
-- Reading and adding to the words of one procedure (EclipseLink, on update).
CREATE INDEX procedure_search_token_procedure ON procedure_search_token(procedure_id);
-- Indexes every dossier write paid for twice: H2 made an index on dossier_search_token(dossier_id) for its foreign
-- key already (V2 added a second one), and these two are the first column of dossier_received_code and
-- dossier_status_due, which serve every query they served.
DROP INDEX IF EXISTS dossier_search_token_dossier;
DROP INDEX IF EXISTS dossier_received;
DROP INDEX IF EXISTS dossier_status;
