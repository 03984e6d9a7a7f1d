-- MộtCửa sync server, schema version 6: agencies a dossier was transferred to and then transferred on from. A
-- dossier transferred to B and by B on to C left B's pull feed (only its owner and its current holder saw it), so B's
-- workstations kept the copy as B last saw it, never updated again. B handled it and still answers for its part:
-- it keeps receiving the dossier's changes (read only for B: pushes stay with the owner and the current holder).
CREATE TABLE dossier_former_holder (
  agency_code   VARCHAR(40)  NOT NULL,
  dossier_code  VARCHAR(60)  NOT NULL,
  PRIMARY KEY (agency_code, dossier_code)
);
