-- MộtCửa Desk local cache, schema version 9: the parts of a dossier that were held in memory only — fees paid and
-- the delivery of the result — and the national "end of processing" time the reports (Decision 766) count from.
ALTER TABLE dossier ADD COLUMN delivery_method VARCHAR(20);
ALTER TABLE dossier ADD COLUMN delivery_address VARCHAR(500);
ALTER TABLE dossier ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dossier ADD COLUMN delivery_recipient VARCHAR(300);
-- First of: result ready, delivered, stopped/refused/returned/withdrawn (the national index's NgayKetThucXuLy).
ALTER TABLE dossier ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
UPDATE dossier d SET finished_at = (SELECT MIN(e.at) FROM dossier_event e WHERE e.dossier_id = d.id
    AND e.to_status IN ('RESULT_READY', 'DELIVERED', 'REFUSED', 'STOPPED', 'RETURNED', 'WITHDRAWN'));
-- A period's report reads the dossiers received in it (dossier_received) and the older ones still open or finished
-- in it: finished_at is NULL or inside/after the period.
CREATE INDEX dossier_finished ON dossier (finished_at);

CREATE TABLE fee_payment (
  dossier_id     BIGINT       NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  position       INT          NOT NULL,
  name           VARCHAR(300) NOT NULL,
  amount_vnd     BIGINT       NOT NULL,
  paid_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  receipt_number VARCHAR(60)  NOT NULL,
  paid_online    BOOLEAN      NOT NULL,
  PRIMARY KEY (dossier_id, position)
);
