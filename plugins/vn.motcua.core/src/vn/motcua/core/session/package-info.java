/** The logged-in user's session, shared by all screens through the e4 context. */
package vn.motcua.core.session;
