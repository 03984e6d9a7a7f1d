-- MộtCửa Desk local cache, schema version 2: an indexed search and the indexes the list filters need.
-- Every word of a dossier's searchable fields (code, applicant name, citizen ID, phone, procedure code and
-- name), folded (no case, no diacritics, đ→d), is one row here; a query word w matches the tokens in the
-- range [w, w + U+FFFF), an index range scan instead of the full scan of search_text LIKE '%w%'.
-- Rows are written by EclipseLink with the dossier (same transaction); the migration fills them for the
-- dossiers already in the cache (Java step in Migrations, so the tokenizer is the same one).
CREATE TABLE dossier_search_token (
  token       VARCHAR(64) NOT NULL,
  dossier_id  BIGINT      NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  PRIMARY KEY (token, dossier_id)
);
-- The other direction: "does this dossier also have a token starting with w?" and the rewrite of one
-- dossier's tokens.
CREATE INDEX dossier_search_token_dossier ON dossier_search_token(dossier_id, token);

-- List filters: deadline classes (status + due time), procedure, assignee, each in the list's date order.
CREATE INDEX dossier_status_due ON dossier(status, due_at);
CREATE INDEX dossier_procedure_received ON dossier(procedure_code, received_at);
CREATE INDEX dossier_assignee_received ON dossier(assignee, received_at);
CREATE INDEX dossier_due ON dossier(due_at);
CREATE INDEX procedure_field ON procedure_def(field_name);
