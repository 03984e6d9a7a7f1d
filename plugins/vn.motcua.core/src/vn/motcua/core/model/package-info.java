/** MộtCửa core: model. Plain Java, no SWT/JDBC/e4. */
package vn.motcua.core.model;
