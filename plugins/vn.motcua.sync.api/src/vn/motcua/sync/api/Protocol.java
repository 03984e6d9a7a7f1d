package vn.motcua.sync.api;

/** Version and paths of the protocol; a server answers 426 to a client speaking another version. */
public final class Protocol {
    /** Raised on any incompatible change of a message; both sides send it with every request. */
    public static final int VERSION = 1;
    public static final String VERSION_HEADER = "X-Motcua-Protocol";
    public static final String BASE = "/v1";
    public static final String LOGIN = BASE + "/login";
    /** {@code POST}: ends the session of the bearer token (no body). */
    public static final String LOGOUT = BASE + "/logout";
    public static final String PUSH = BASE + "/push";
    public static final String PULL = BASE + "/pull";
    public static final String REFERENCE = BASE + "/reference";
    public static final String NUMBER_BLOCKS = BASE + "/number-blocks";
    public static final String ADMIN_REFERENCE = BASE + "/admin/reference";
    public static final String HEALTH = BASE + "/health";
    /** {@code GET}: every certificate binding with its history; {@code PUT} a CertificateChange (ADMIN role). */
    public static final String ADMIN_CERTIFICATES = BASE + "/admin/certificates";
    /**
     * {@code GET …/files/<sha256>/state?dossier=CODE}, {@code PUT …/files/<sha256>?dossier=CODE&offset=&total=} (a chunk of an
     * upload for that dossier), {@code GET …/files/<sha256>} (to an agency that may see a dossier with a document of it).
     */
    public static final String FILES = BASE + "/files/";
    /** {@code POST} a DocumentInfo; {@code GET ?dossier=<code>} the dossier's documents. */
    public static final String DOCUMENTS = BASE + "/documents";
    /**
     * {@code PUT …/workstation-keys/<cache id>} (a WorkstationKey, first enrolment of a new workstation) and
     * {@code GET …/workstation-keys/<cache id>}: the key of a workstation's encrypted cache, kept by the server so that
     * staff of the same agency logging in there for the first time can be added to its key ring.
     */
    public static final String WORKSTATION_KEYS = BASE + "/workstation-keys/";
    /**
     * {@code POST} a UserKeyEnrolment (the caller's own key), {@code GET ?username=} the keys of a user (the user, or an
     * admin).
     */
    public static final String USER_KEYS = BASE + "/user-keys";
    /** {@code POST} a UserKeyRevocation (an admin, or the user for their own keys). */
    public static final String USER_KEYS_REVOKE = BASE + "/user-keys/revoke";
    /** {@code POST}, no body and no token: a LoginChallenge for a renewal. */
    public static final String LOGIN_CHALLENGE = BASE + "/login/challenge";
    /** {@code POST} a RenewRequest, no token: a new session without a password. */
    public static final String LOGIN_RENEW = BASE + "/login/renew";
    /** Largest chunk of an upload. */
    public static final int MAX_CHUNK = 1 << 20;
    /** Largest file a workstation may upload (a scanned dossier of a few dozen pages). */
    public static final long MAX_FILE = 64L << 20;
    /** Most commands a client sends in one push; the server refuses bigger batches. */
    public static final int MAX_PUSH = 200;
    /** Most dossiers in one pull page. */
    public static final int MAX_PAGE = 1000;

    private Protocol() {
    }
}
