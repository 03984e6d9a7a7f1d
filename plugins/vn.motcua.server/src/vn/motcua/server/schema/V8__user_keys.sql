-- MộtCửa sync server, schema version 9: who did it (issue 20, docs/sync-protocol.md "Who did it").
-- Each user's public signing keys, one per workstation (data folder) they work on, enrolled by that user's own
-- session with a proof signed by the key itself (so nobody enrols a colleague's key). A pushed change counts only
-- with a valid signature by an enrolled, unrevoked key of its actor; a deactivated user's keys stop counting.
-- How each session was opened: 'password' (a login) or 'key' (renewed with a signing key). Only a session opened by
-- password minutes ago may enrol a key, so neither a stolen key nor an old token can mint further keys.
ALTER TABLE session_token ADD COLUMN opened_by VARCHAR(16) DEFAULT 'password' NOT NULL;
ALTER TABLE session_token ADD COLUMN opened_at TIMESTAMP WITH TIME ZONE;
CREATE TABLE user_key (
  key_id         VARCHAR(64)  PRIMARY KEY,
  username       VARCHAR(60)  NOT NULL,
  algorithm      VARCHAR(16)  NOT NULL,
  public_key     VARCHAR(200) NOT NULL,
  cache_id       VARCHAR(64)  NOT NULL,
  workstation    VARCHAR(100) NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  enrolled_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  enrolled_from  VARCHAR(100) NOT NULL,
  revoked_at     TIMESTAMP WITH TIME ZONE,
  revoked_by     VARCHAR(60)
);
CREATE INDEX user_key_user ON user_key (username);
-- The proof of every change the server accepted as its actor's (applied, or refused later by the lifecycle): the
-- canonical text the signature covers (vn.motcua.sync.api.Attribution.commandBytes), the signature and key, and who
-- carried it (the session's user and workstation, e.g. a colleague pushing a shared workstation's outbox).
CREATE TABLE signed_command (
  mutation_id    VARCHAR(36)    PRIMARY KEY,
  username       VARCHAR(60)    NOT NULL,
  key_id         VARCHAR(64)    NOT NULL,
  signature      VARCHAR(200)   NOT NULL,
  canonical      VARCHAR(20000) NOT NULL,
  pushed_by      VARCHAR(60)    NOT NULL,
  pushed_from    VARCHAR(100)   NOT NULL,
  verified_at    TIMESTAMP WITH TIME ZONE NOT NULL
)
