-- MộtCửa Desk local cache, schema version 15: the receipt's lookup secret, kept only as its salted PBKDF2 hash
-- (vn.motcua.core.code.LookupSecret) so a lookup can be checked on any desk while the secret itself is on paper only.
ALTER TABLE dossier ADD COLUMN lookup_secret_hash VARCHAR(200);
