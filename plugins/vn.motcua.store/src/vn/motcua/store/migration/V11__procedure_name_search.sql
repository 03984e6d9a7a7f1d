-- MộtCửa Desk local cache, schema version 11: procedure-name words leave the per-dossier token table.
-- A procedure's name is shared by thousands of dossiers, and its words were about 12 of a dossier's ~20 rows in
-- dossier_search_token: the largest part of what a first sync writes. They are now rows of the procedure instead
-- (filled by EclipseLink with procedure_def, only ever added to, so a renamed procedure keeps its former words);
-- a query word w reaches dossiers through the procedures having a name word in [w, w + U+FFFF), then
-- dossier.procedure_code, and every candidate is checked on dossier.search_text, which still holds the name's words.
-- The Java step after this script (Migrations.AFTER, ProcedureNameBackfill) fills the table for the catalogue already
-- here. The procedure-name rows of dossiers already here stay (see ProcedureNameBackfill for why): harmless, as
-- every candidate is checked on search_text, and dropped when their dossier is next written.
CREATE TABLE procedure_search_token (
  token         VARCHAR(64) NOT NULL,
  procedure_id  BIGINT      NOT NULL REFERENCES procedure_def(id) ON DELETE CASCADE,
  PRIMARY KEY (token, procedure_id)
);
-- Reading and adding to the words of one procedure (EclipseLink, on update).
CREATE INDEX procedure_search_token_procedure ON procedure_search_token(procedure_id);
