-- MộtCửa Desk local cache, schema version 10: the applicant's rating at the hand-over of the result (Decree 61
-- evaluation), which Decision 766's satisfaction indicator counts.
ALTER TABLE dossier ADD COLUMN delivery_satisfaction VARCHAR(20);
