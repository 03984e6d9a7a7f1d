-- MộtCửa sync server, schema version 4: the keys of workstations' encrypted caches. A new workstation's first
-- online login creates its cache key and leaves it here; a colleague of the same agency logging in there for the
-- first time gets it back (after logging in) to be added to the workstation's key ring. The server already holds
-- every dossier a workstation may see, so keeping its key adds no reader; a stolen PC's cache stays closed to
-- anyone without a staff password or access to this server.
CREATE TABLE workstation_key (
  cache_id     VARCHAR(64)  PRIMARY KEY,
  agency_code  VARCHAR(40)  NOT NULL,
  cache_key    VARCHAR(100) NOT NULL,
  created_by   VARCHAR(60)  NOT NULL,
  created_at   TIMESTAMP    NOT NULL
);
