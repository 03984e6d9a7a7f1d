/** MộtCửa core: rules. Plain Java, no SWT/JDBC/e4. */
package vn.motcua.core.rules;
