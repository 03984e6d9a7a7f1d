-- MộtCửa Desk local cache, schema version 8: which documents the sync server already has. A document made here is
-- uploaded (in chunks, resumable) after its dossier's changes were pushed; one fetched from the server is born synced.
ALTER TABLE dossier_document ADD COLUMN synced BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX dossier_document_unsynced ON dossier_document (synced, id);
