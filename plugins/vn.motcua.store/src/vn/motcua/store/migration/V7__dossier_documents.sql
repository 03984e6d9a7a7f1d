-- MộtCửa Desk local cache, schema version 7: a dossier's files (scans, draft and signed results, approval records).
-- The bytes live inside the (AES-encrypted) database, once per content: stored_file is addressed by SHA-256, so a
-- scan attached twice is stored once, and a document row commits in the same transaction as the lifecycle change
-- that produced it (a signed result and the approval it belongs to are saved together or not at all).
CREATE TABLE stored_file (
  sha256      CHAR(64)  PRIMARY KEY,
  byte_size   BIGINT    NOT NULL,
  content     BLOB      NOT NULL
);
CREATE TABLE dossier_document (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  dossier_code  VARCHAR(64)   NOT NULL,
  kind          VARCHAR(32)   NOT NULL,
  sha256        CHAR(64)      NOT NULL REFERENCES stored_file (sha256),
  name          VARCHAR(400)  NOT NULL,
  media_type    VARCHAR(120)  NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by    VARCHAR(60)   NOT NULL,
  note          VARCHAR(4000) DEFAULT '' NOT NULL
);
CREATE INDEX dossier_document_code ON dossier_document (dossier_code, kind);
