-- MộtCửa Desk local cache, schema version 2: an indexed search, the indexes the list filters need, and the
-- hash-chained audit log.
-- Every word of a dossier's searchable fields (code, applicant name, citizen ID, phone, procedure code and
-- name), folded (no case, no diacritics, đ→d), is one row here; a query word w matches the tokens in the
-- range [w, w + U+FFFF), an index range scan instead of the full scan of search_text LIKE '%w%'.
-- Rows are written by EclipseLink with the dossier (same transaction); the migration fills them for the
-- dossiers already in the cache (Java step in Migrations, so the tokenizer is the same one).
-- dossier.search_text (from V1) is rewritten to hold the same tokens between spaces: the most selective query
-- word goes through this table, the others are checked on the candidates' search_text (LIKE '% w%').
CREATE TABLE dossier_search_token (
  token       VARCHAR(64) NOT NULL,
  dossier_id  BIGINT      NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  PRIMARY KEY (token, dossier_id)
);
-- Reading and rewriting the tokens of one dossier (EclipseLink, on update).
CREATE INDEX dossier_search_token_dossier ON dossier_search_token(dossier_id);

-- The list's orders, with the code as tie-breaker so the first page is read straight off an index, no sort.
CREATE INDEX dossier_received_code ON dossier(received_at DESC, code DESC);
CREATE INDEX dossier_due_code ON dossier(due_at, code);
-- List filters: deadline classes (status + due time), procedure, assignee, each in the list's date order.
CREATE INDEX dossier_status_due ON dossier(status, due_at);
CREATE INDEX dossier_procedure_received ON dossier(procedure_code, received_at);
CREATE INDEX dossier_assignee_received ON dossier(assignee, received_at);
CREATE INDEX procedure_field ON procedure_def(field_name);

-- Append-only, hash-chained audit log: one row per recorded change, written in the transaction of the change.
-- hash = SHA-256 over the canonical form of the row (see vn.motcua.store.AuditLog) and prev_hash, the hash of
-- row seq - 1 (64 zeros for row 1). Any edit, removal or reordering of a row breaks the chain at that row.
CREATE TABLE audit_log (
  seq           BIGINT        PRIMARY KEY,
  at            TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  actor         VARCHAR(60)   NOT NULL,
  workstation   VARCHAR(60)   NOT NULL,
  action        VARCHAR(40)   NOT NULL,
  subject       VARCHAR(100)  NOT NULL,
  details       VARCHAR(4000) NOT NULL,
  prev_hash     CHAR(64)      NOT NULL,
  hash          CHAR(64)      NOT NULL
);
