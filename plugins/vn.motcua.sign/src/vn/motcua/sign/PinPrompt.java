package vn.motcua.sign;

/** Asks the user for the PIN of one token; returns {@code null} to skip that token. The caller clears the array. */
@FunctionalInterface
public interface PinPrompt {
    char[] pinFor(KeyToken token);
}
