-- MộtCửa sync server, schema version 1. Portable SQL: the same script runs on H2 (development, tests) and
-- PostgreSQL (production). Bodies are the protocol's JSON of the core model.
CREATE TABLE server_info (
  name        VARCHAR(64)   PRIMARY KEY,
  info_value  VARCHAR(4000) NOT NULL
);
-- The change log's position counter. Every writing transaction takes its position here as its LAST step, so
-- the row lock serialises position-taking until commit: positions appear in commit order and a reader that
-- sees position P can never later see a smaller one commit (a plain sequence does not guarantee that).
CREATE TABLE change_counter (
  id            INT    PRIMARY KEY,
  log_position  BIGINT NOT NULL
);
INSERT INTO change_counter (id, log_position) VALUES (1, 0);
CREATE TABLE agency (
  code  VARCHAR(40)    PRIMARY KEY,
  body  VARCHAR(20000) NOT NULL
);
CREATE TABLE server_user (
  username       VARCHAR(60)  PRIMARY KEY,
  full_name      VARCHAR(200) NOT NULL,
  agency_code    VARCHAR(40)  NOT NULL,
  roles          VARCHAR(200) NOT NULL,
  password_hash  VARCHAR(400) NOT NULL,
  active         BOOLEAN      NOT NULL
);
CREATE TABLE session_token (
  token_hash   VARCHAR(64)  PRIMARY KEY,
  username     VARCHAR(60)  NOT NULL,
  workstation  VARCHAR(100) NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE procedure_def (
  code     VARCHAR(40)     NOT NULL,
  version  INT             NOT NULL,
  body     VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (code, version)
);
-- Each dossier once, in its latest state, at the position of its latest change (a row-version change log:
-- a client that pulls after position P gets every dossier changed since, in its current state).
CREATE TABLE dossier (
  code            VARCHAR(64)      PRIMARY KEY,
  agency_code     VARCHAR(40)      NOT NULL,
  transferred_to  VARCHAR(40),
  event_count     INT              NOT NULL,
  status          VARCHAR(40)      NOT NULL,
  log_position    BIGINT           NOT NULL,
  body            VARCHAR(1000000) NOT NULL
);
CREATE INDEX dossier_agency_position ON dossier (agency_code, log_position);
CREATE INDEX dossier_transfer_position ON dossier (transferred_to, log_position);
-- Every pushed command's answer, written in the transaction that applied (or refused) it: a replay gets the
-- stored answer, so a batch delivered twice is applied once.
CREATE TABLE applied_mutation (
  mutation_id   VARCHAR(36)  PRIMARY KEY,
  workstation   VARCHAR(100) NOT NULL,
  dossier_code  VARCHAR(64)  NOT NULL,
  outcome       VARCHAR(16)  NOT NULL,
  reason        VARCHAR(4000),
  log_position  BIGINT       NOT NULL,
  applied_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
-- Dossier-code number blocks handed to workstations (vn.motcua.core.code.NumberBlockIssuer).
CREATE TABLE number_block (
  agency_code   VARCHAR(40)  NOT NULL,
  issue_day     DATE         NOT NULL,
  first_number  INT          NOT NULL,
  last_number   INT          NOT NULL,
  workstation   VARCHAR(100) NOT NULL,
  PRIMARY KEY (agency_code, issue_day, first_number)
);
