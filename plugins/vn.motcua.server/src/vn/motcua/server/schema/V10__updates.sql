-- MộtCửa sync server, schema version 12: updates through the province. Signed packages (client versions and settings
-- packs) are files under <data>/updates/<sha256>.p7m, described here; a client version is released to agencies and a
-- percentage of their workstations; every workstation's last report says which version it runs.
CREATE TABLE update_package (
  sha256          VARCHAR(64)  PRIMARY KEY,
  kind            VARCHAR(16)  NOT NULL,
  platform        VARCHAR(40)  NOT NULL,
  version         VARCHAR(80)  NOT NULL,
  base_version    VARCHAR(80)  NOT NULL,
  effective_from  DATE,
  size_bytes      BIGINT       NOT NULL,
  files           VARCHAR(4000) NOT NULL,
  signer          VARCHAR(400) NOT NULL,
  uploaded_by     VARCHAR(60)  NOT NULL,
  uploaded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX update_package_version ON update_package (kind, platform, version, base_version);
CREATE TABLE update_rollout (
  platform   VARCHAR(40)    NOT NULL,
  version    VARCHAR(80)    NOT NULL,
  agencies   VARCHAR(20000) NOT NULL,
  percent    INT            NOT NULL,
  staged_by  VARCHAR(60)    NOT NULL,
  staged_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (platform, version)
);
CREATE TABLE workstation_version (
  workstation       VARCHAR(100) PRIMARY KEY,
  agency_code       VARCHAR(40)  NOT NULL,
  username          VARCHAR(60)  NOT NULL,
  platform          VARCHAR(40)  NOT NULL,
  version           VARCHAR(80)  NOT NULL,
  settings_version  VARCHAR(80)  NOT NULL,
  problem           VARCHAR(400),
  reported_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
