/** MộtCửa core: code. Plain Java, no SWT/JDBC/e4. */
package vn.motcua.core.code;
