package vn.motcua.sign.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import vn.motcua.sign.SigningException;

/**
 * The loop of every batch signing with one token session: one item at a time, one bad item does not affect the
 * others, an error that makes the token unusable (removed, locked, PIN per signature, cancelled) stops the batch
 * cleanly — items already done stay done, the rest are reported as not attempted. Progress after each item, cancel
 * checked before each.
 */
public final class Batch {
    public enum Status {
        SIGNED, FAILED, NOT_ATTEMPTED
    }

    /** The outcome of one item: {@code reason} and {@code message} (in the caller's language) unless signed. */
    public record Outcome<T>(T item, Status status, SigningException.Reason reason, String message) {
    }

    /** Signs one item; a failure is reported by throwing. */
    @FunctionalInterface
    public interface Step<T> {
        void run(T item) throws Exception;
    }

    @FunctionalInterface
    public interface Progress<T> {
        void done(int finished, int total, Outcome<T> last);
    }

    /** Turns an unexpected failure into a user message (e.g. a lifecycle refusal); {@code null} = its toString. */
    @FunctionalInterface
    public interface Explain {
        String message(Exception e, Locale locale);
    }

    private Batch() {
    }

    public static <T> List<Outcome<T>> run(List<T> items, Step<T> step, Progress<T> progress, BooleanSupplier cancelled, Locale locale,
            Explain explain) {
        List<Outcome<T>> results = new ArrayList<>();
        SigningException stop = null;
        for (int i = 0; i < items.size(); i++) {
            T it = items.get(i);
            Outcome<T> r;
            if (stop != null) {
                r = new Outcome<>(it, Status.NOT_ATTEMPTED, stop.reason(), stop.message(locale));
            } else if (cancelled != null && cancelled.getAsBoolean()) {
                r = new Outcome<>(it, Status.NOT_ATTEMPTED, SigningException.Reason.CANCELLED,
                        new SigningException(SigningException.Reason.CANCELLED, null).message(locale));
            } else {
                try {
                    step.run(it);
                    r = new Outcome<>(it, Status.SIGNED, null, null);
                } catch (SigningException e) {
                    r = new Outcome<>(it, Status.FAILED, e.reason(), e.message(locale));
                    if (e.stopsBatch()) {
                        stop = e;
                    }
                } catch (Exception e) {
                    r = new Outcome<>(it, Status.FAILED, SigningException.Reason.FAILED,
                            explain == null ? String.valueOf(e) : explain.message(e, locale));
                }
            }
            results.add(r);
            if (progress != null) {
                progress.done(i + 1, items.size(), r);
            }
        }
        return results;
    }
}
