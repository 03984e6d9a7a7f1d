-- MộtCửa Desk local cache, schema version 6: background sync with the provincial server (docs/sync-protocol.md).
-- sync_outbox: every local dossier change, written in the same transaction as the change, until the server
-- has answered it. payload is the protocol's PushCommand as JSON; mutation_id is its idempotency key.
CREATE TABLE sync_outbox (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  mutation_id   VARCHAR(36)  NOT NULL UNIQUE,
  dossier_code  VARCHAR(64)  NOT NULL,
  event_seq     BIGINT       NOT NULL,
  payload       CLOB         NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE INDEX sync_outbox_dossier ON sync_outbox (dossier_code);
-- Cursor (server change-log position), server id, last success and last error, as name/value pairs.
CREATE TABLE sync_state (
  name   VARCHAR(64)   PRIMARY KEY,
  state_value  VARCHAR(4000) NOT NULL
);
-- Local changes the server refused (another workstation acted first, or the change was not allowed there):
-- kept for the user with what the server has instead; never dropped silently.
CREATE TABLE sync_conflict (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  mutation_id     VARCHAR(36)   NOT NULL UNIQUE,
  dossier_code    VARCHAR(64)   NOT NULL,
  action          VARCHAR(40)   NOT NULL,
  actor           VARCHAR(60)   NOT NULL,
  local_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  reason          VARCHAR(4000) NOT NULL,
  server_status   VARCHAR(40),
  server_last     VARCHAR(4000),
  recorded_at     TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  acknowledged    BOOLEAN DEFAULT FALSE NOT NULL
);
