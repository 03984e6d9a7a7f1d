/**
 * MộtCửa core: rule packs by reception date (2018: Decree 61/2018 + Circular 01/2018, six forms; 2025: Decree
 * 118/2025 + Circular 03/2025, seven forms, the default). Plain Java, no SWT/JDBC/e4.
 */
package vn.motcua.core.rules;
