/** MộtCửa core: lifecycle. Plain Java, no SWT/JDBC/e4. */
package vn.motcua.core.lifecycle;
