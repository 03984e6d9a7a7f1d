-- MộtCửa Desk local cache, schema version 13: every outbox command signed by its actor's own key (issue 20,
-- docs/sync-protocol.md "Who did it"); the signature travels inside the payload (PushCommand keyId, signature).
-- held: why a change cannot be sent: LEGACY = written before changes were signed (signed by its actor's key when that
-- key is made, at their next login here); UNSIGNED = written in a user's name without their key unlocked here (in
-- another user's session): never sent, shown to the user.
ALTER TABLE sync_outbox ADD COLUMN held VARCHAR(16);
-- The server's reason while it answers WAITING (the actor's key not enrolled with it yet): the change stays.
ALTER TABLE sync_outbox ADD COLUMN waiting VARCHAR(4000);
-- Repeatable: when this runs, every row was written unsigned.
UPDATE sync_outbox SET held = 'LEGACY' WHERE held IS NULL AND waiting IS NULL
