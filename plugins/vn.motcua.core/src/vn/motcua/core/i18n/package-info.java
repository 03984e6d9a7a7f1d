/** MộtCửa core: i18n. Plain Java, no SWT/JDBC/e4. */
package vn.motcua.core.i18n;
