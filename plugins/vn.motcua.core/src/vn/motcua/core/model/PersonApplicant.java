package vn.motcua.core.model;

import java.time.LocalDate;
import java.util.Objects;

/** A citizen applying in their own name. {@code dateOfBirth} may be null when unknown (old records). */
public record PersonApplicant(String fullName, LocalDate dateOfBirth, String citizenId, String address, String phone,
        String email) implements Applicant {
    public PersonApplicant {
        Objects.requireNonNull(fullName, "fullName");
        citizenId = citizenId == null ? "" : citizenId;
        address = address == null ? "" : address;
        phone = phone == null ? "" : phone;
        email = email == null ? "" : email;
    }

    @Override
    public String displayName() {
        return fullName;
    }

    @Override
    public String identifier() {
        return citizenId;
    }
}
