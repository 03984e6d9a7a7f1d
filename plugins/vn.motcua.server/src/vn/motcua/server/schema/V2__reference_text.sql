-- MộtCửa sync server, schema version 2: reference documents kept as text (the official yearly schedules).
CREATE TABLE reference_text (
  name  VARCHAR(64)      PRIMARY KEY,
  body  VARCHAR(1000000) NOT NULL
);
