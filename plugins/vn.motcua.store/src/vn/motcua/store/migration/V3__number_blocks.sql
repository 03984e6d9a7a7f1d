-- MộtCửa Desk local cache, schema version 3: dossier-code number blocks this workstation holds and the numbers
-- it has handed out (vn.motcua.core.code.NumberBlockStore). A number is used on a receipt only after its row is
-- committed here, so a crash can never print the same code twice.
CREATE TABLE number_block (
  agency_code  VARCHAR(40) NOT NULL,
  issue_day    DATE        NOT NULL,
  from_seq     INT         NOT NULL,
  to_seq       INT         NOT NULL,
  workstation  VARCHAR(60) NOT NULL,
  PRIMARY KEY (agency_code, issue_day, from_seq)
);
CREATE TABLE issued_number (
  agency_code  VARCHAR(40) NOT NULL,
  issue_day    DATE        NOT NULL,
  seq          INT         NOT NULL,
  workstation  VARCHAR(60) NOT NULL,
  issued_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  PRIMARY KEY (agency_code, issue_day, seq)
);
