/** MộtCửa core: identity. Plain Java, no SWT/JDBC/e4. */
package vn.motcua.core.identity;
