package vn.motcua.sign;

/** One token (PKCS#11 slot with a token present), store or file a key source offers; {@code index} is internal. */
public record KeyToken(String source, int index, String label) {
}
