-- MộtCửa sync server, schema version 5: each workstation's slot of the offline number slices. The top of every day's
-- sequence (9000–9999) is cut into 25 fixed slices (vn.motcua.core.code.OfflineFallbackPolicy); a workstation whose
-- reserved blocks are used up while offline numbers from its own slice. Slots were all 1 before, so two workstations
-- offline on the same morning gave the same codes. A slot is given with the workstation's first number block and kept.
CREATE TABLE workstation_slot (
  agency_code  VARCHAR(40)  NOT NULL,
  workstation  VARCHAR(100) NOT NULL,
  slot         INT          NOT NULL,
  PRIMARY KEY (agency_code, workstation),
  CONSTRAINT workstation_slot_unique UNIQUE (agency_code, slot)
);
