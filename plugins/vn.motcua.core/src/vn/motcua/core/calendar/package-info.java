/** MộtCửa core: calendar. Plain Java, no SWT/JDBC/e4. */
package vn.motcua.core.calendar;
