package vn.motcua.core.model;

import java.util.Objects;

/** An enterprise or organisation, identified by its tax code, acting through a representative. */
public record OrganisationApplicant(String name, String taxCode, String representative, String address, String phone,
        String email) implements Applicant {
    public OrganisationApplicant {
        Objects.requireNonNull(name, "name");
        taxCode = taxCode == null ? "" : taxCode;
        representative = representative == null ? "" : representative;
        address = address == null ? "" : address;
        phone = phone == null ? "" : phone;
        email = email == null ? "" : email;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public String identifier() {
        return taxCode;
    }
}
