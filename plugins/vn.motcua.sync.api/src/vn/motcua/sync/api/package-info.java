/**
 * The sync protocol between the desktop client and the provincial server (docs/sync-protocol.md): the
 * messages as Java records and the one JSON mapping both sides use. Plain Java + Jackson, no transport.
 */
package vn.motcua.sync.api;
