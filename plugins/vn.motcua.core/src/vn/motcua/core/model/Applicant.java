package vn.motcua.core.model;

/**
 * Who submits a dossier (người nộp / chủ hồ sơ). Numbers are not validated here: old dossiers carry 9-digit
 * identity cards; use {@code vn.motcua.core.identity} validators at input time.
 */
public sealed interface Applicant permits PersonApplicant, OrganisationApplicant {
    /** Name as printed on forms. */
    String displayName();

    /** Citizen ID or tax code ({@code SoGiayToChuHoSo}). */
    String identifier();

    String address();

    String phone();

    String email();
}
