package vn.motcua.sign;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;

import vn.motcua.sign.SigningException.Reason;

/**
 * A PKCS#12 file, for <b>training only</b>: its signers report {@link Signer#training()}, and the PDF signer puts
 * the "ĐÀO TẠO / TRAINING — không có giá trị pháp lý" mark on every stamp they produce.
 */
public final class Pkcs12TrainingKeySource implements SigningKeySource {
    private final Path file;

    public Pkcs12TrainingKeySource(Path file) {
        this.file = file;
    }

    @Override
    public String description() {
        return "PKCS#12 (training): " + file.getFileName();
    }

    @Override
    public boolean training() {
        return true;
    }

    @Override
    public List<KeyToken> tokens() throws SigningException {
        if (!Files.isRegularFile(file)) {
            throw new SigningException(Reason.NO_TOKEN, file.toString());
        }
        return List.of(new KeyToken(description(), 0, file.getFileName().toString()));
    }

    @Override
    public SigningSession open(KeyToken token, char[] pin) throws SigningException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pin);
            return new KeyStoreSession(ks, pin, null, KeyStoreSession.HashMode.DIGEST_INFO, true, description(), () -> {
            });
        } catch (SigningException e) {
            throw e;
        } catch (java.io.IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new SigningException(Reason.WRONG_PIN, file.getFileName().toString(), null, e);
            }
            throw new SigningException(Reason.FAILED, e.toString(), null, e);
        } catch (Exception e) {
            throw Pkcs11Errors.map(e, false);
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }
}
