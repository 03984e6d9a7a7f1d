/**
 * MộtCửa core: identity numbers — the 12-digit citizen ID (Circular 07/2016/TT-BCA) and enterprise tax codes.
 * Plain Java, no SWT/JDBC/e4.
 */
package vn.motcua.core.identity;
