/**
 * MộtCửa core: codes. Dossier codes {@code {agency}-{yyMMdd}-{NNNN}}, agency identifiers (old and 2025 short
 * form), procedure codes with spreadsheet recovery, and number blocks with the offline fallback described in
 * {@link vn.motcua.core.code.OfflineFallbackPolicy}. Plain Java, no SWT/JDBC/e4.
 */
package vn.motcua.core.code;
