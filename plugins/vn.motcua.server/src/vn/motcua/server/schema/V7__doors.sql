-- MộtCửa sync server, schema version 8: closing the doors (issue 20, docs/security.md).
-- Login throttling kept in the database, so several server instances on one PostgreSQL share it: one row per account
-- (subject_kind 'account', the username as typed, lower case) and per client address ('address'). Each wrong
-- password counts; past the free failures every attempt waits until blocked_until, a wait that doubles per failure.
CREATE TABLE login_throttle (
  subject_kind     VARCHAR(8)   NOT NULL,
  subject          VARCHAR(100) NOT NULL,
  failures         INT          NOT NULL,
  last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  blocked_until    TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (subject_kind, subject)
);
CREATE INDEX login_throttle_last ON login_throttle (last_failure_at);
-- Tokens are revoked per user (password change, deactivation) and purged once expired.
CREATE INDEX session_token_user ON session_token (username);
CREATE INDEX session_token_expiry ON session_token (expires_at);
-- Escrowed workstation keys are wrapped (AES-GCM) under a server key kept outside the database; key_id names it
-- (null: a row from before, still in clear, wrapped by the server at its next start).
ALTER TABLE workstation_key ADD COLUMN key_id VARCHAR(40);
ALTER TABLE workstation_key ALTER COLUMN cache_key SET DATA TYPE VARCHAR(400);
-- Uploads name the dossier they are for: chunks are kept per (file, dossier) so one agency's partial upload is
-- neither visible to nor disturbed by another's, and dated so abandoned ones can be deleted. Unfinished uploads of
-- the old table are dropped: clients ask the state again and start over.
DROP TABLE file_chunk;
CREATE TABLE upload_chunk (
  sha256        CHAR(64)    NOT NULL,
  dossier_code  VARCHAR(64) NOT NULL,
  chunk_offset  BIGINT      NOT NULL,
  agency_code   VARCHAR(40) NOT NULL,
  byte_count    INT         NOT NULL,
  data          BYTEA       NOT NULL,
  received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (sha256, dossier_code, chunk_offset)
);
CREATE INDEX upload_chunk_received ON upload_chunk (received_at);
CREATE INDEX upload_chunk_agency ON upload_chunk (agency_code);
-- Who proved to hold a file's bytes, for which dossier: a document row may name a file only for a dossier whose
-- uploader sent all of its bytes (knowing a SHA-256 is not enough to attach — and then read — someone else's file).
CREATE TABLE file_holder (
  sha256        CHAR(64)    NOT NULL,
  dossier_code  VARCHAR(64) NOT NULL,
  proved_by     VARCHAR(60) NOT NULL,
  proved_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (sha256, dossier_code)
);
INSERT INTO file_holder (sha256, dossier_code, proved_by, proved_at)
  SELECT sha256, dossier_code, MIN(created_by), MIN(created_at) FROM dossier_document GROUP BY sha256, dossier_code;
-- Number-block quotas count a workstation's blocks of a day.
CREATE INDEX number_block_workstation ON number_block (workstation, issue_day)
