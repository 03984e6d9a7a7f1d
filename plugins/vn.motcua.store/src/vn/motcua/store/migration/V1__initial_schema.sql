-- MộtCửa Desk local cache, schema version 1.
-- Ids come from id_sequence in blocks of 50 (table generator: portable, and bulk inserts can batch).
-- Tables are created by migrations, never by EclipseLink, so an older cache upgrades step by step.
CREATE TABLE agency (
  code          VARCHAR(40)  PRIMARY KEY,
  name          VARCHAR(300) NOT NULL,
  level         VARCHAR(16)  NOT NULL,
  parent_code   VARCHAR(40)
);

CREATE TABLE procedure_def (
  id                  BIGINT PRIMARY KEY,
  code                VARCHAR(40)   NOT NULL,
  version             INT           NOT NULL,
  name                VARCHAR(1000) NOT NULL,
  field_name          VARCHAR(300)  NOT NULL,
  level               VARCHAR(16)   NOT NULL,
  cutoff_time         TIME,
  legal_basis         VARCHAR(10000) NOT NULL,
  implementing_agency VARCHAR(1000) NOT NULL,
  online_level        VARCHAR(10)   NOT NULL,
  active              BOOLEAN       NOT NULL,
  effective_date      DATE          NOT NULL,
  search_text         VARCHAR(2000) NOT NULL,
  CONSTRAINT procedure_code_version UNIQUE (code, version)
);

-- Processing time and fee differ per channel (in person / online / postal).
CREATE TABLE procedure_channel (
  procedure_id      BIGINT        NOT NULL REFERENCES procedure_def(id) ON DELETE CASCADE,
  channel           VARCHAR(12)   NOT NULL,
  processing_amount DECIMAL(10,2),
  processing_unit   VARCHAR(20),
  processing_text   VARCHAR(2000) NOT NULL,
  fee_vnd           BIGINT,
  fee_text          VARCHAR(1000) NOT NULL,
  PRIMARY KEY (procedure_id, channel)
);

CREATE TABLE required_document (
  procedure_id  BIGINT        NOT NULL REFERENCES procedure_def(id) ON DELETE CASCADE,
  position      INT           NOT NULL,
  doc_id        VARCHAR(40)   NOT NULL,
  name          VARCHAR(2000) NOT NULL,
  kind          VARCHAR(10)   NOT NULL,
  copies        INT           NOT NULL,
  optional_doc  BOOLEAN       NOT NULL,
  PRIMARY KEY (procedure_id, position)
);

CREATE TABLE dossier (
  id                  BIGINT PRIMARY KEY,
  code                VARCHAR(60)  UNIQUE,
  agency_code         VARCHAR(40)  NOT NULL,
  procedure_code      VARCHAR(40)  NOT NULL,
  procedure_version   INT          NOT NULL,
  rule_pack           VARCHAR(10)  NOT NULL,
  channel             VARCHAR(12)  NOT NULL,
  applicant_kind      VARCHAR(12)  NOT NULL,
  applicant_name      VARCHAR(300) NOT NULL,
  applicant_id_number VARCHAR(20),
  applicant_birth     DATE,
  applicant_phone     VARCHAR(20),
  applicant_email     VARCHAR(200),
  applicant_address   VARCHAR(500),
  applicant_representative VARCHAR(300),
  status              VARCHAR(30)  NOT NULL,
  received_at         TIMESTAMP WITH TIME ZONE,
  due_at              TIMESTAMP WITH TIME ZONE,
  assignee            VARCHAR(60),
  search_text         VARCHAR(2000) NOT NULL,
  row_version         BIGINT       NOT NULL
);
CREATE INDEX dossier_received ON dossier(received_at DESC);

-- Papers the applicant brought, against the procedure's required-document list.
CREATE TABLE received_paper (
  dossier_id    BIGINT      NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  position      INT         NOT NULL,
  doc_id        VARCHAR(40) NOT NULL,
  copies        INT         NOT NULL,
  kind          VARCHAR(10) NOT NULL,
  digitised     BOOLEAN     NOT NULL,
  reused        BOOLEAN     NOT NULL,
  from_national_store BOOLEAN NOT NULL,
  PRIMARY KEY (dossier_id, position)
);
CREATE INDEX dossier_status ON dossier(status);

CREATE TABLE dossier_event (
  id            BIGINT PRIMARY KEY,
  dossier_id    BIGINT       NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  seq           INT          NOT NULL,
  assignee      VARCHAR(60),
  new_due_at    TIMESTAMP WITH TIME ZONE,
  target_agency VARCHAR(40),
  action        VARCHAR(40)  NOT NULL,
  from_status   VARCHAR(30),
  to_status     VARCHAR(30)  NOT NULL,
  actor         VARCHAR(60)  NOT NULL,
  actor_role    VARCHAR(20)  NOT NULL,
  workstation   VARCHAR(60)  NOT NULL,
  at            TIMESTAMP WITH TIME ZONE NOT NULL,
  reason        VARCHAR(2000),
  form          VARCHAR(10),
  CONSTRAINT dossier_event_seq UNIQUE (dossier_id, seq)
);

-- Id blocks for EclipseLink's table generator: one row per entity, advanced 50 at a time.
CREATE TABLE id_sequence (
  name        VARCHAR(40) PRIMARY KEY,
  next_value  BIGINT      NOT NULL
);
INSERT INTO id_sequence VALUES ('procedure', 0), ('dossier', 0), ('dossier_event', 0);
