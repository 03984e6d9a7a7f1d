package vn.motcua.sign.pdf;

/** Decree 30/2020: the head's approval signature, and the organisation's issuing (seal) signature by the records clerk. */
public enum SignatureKind {
    APPROVAL, ISSUING
}
