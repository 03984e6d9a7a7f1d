package vn.motcua.desk;

import java.nio.file.Path;

/**
 * The paper a step gave the applicant, rendered before the step was saved and written to the data folder after.
 *
 * @param number  the form's number in its rule pack ({@code 01}…), or the name of a notice outside the annex
 * @param title   what it is, in the user's language
 * @param pdf     the PDF (always there: a failure to render stops the step before anything is saved)
 * @param file    where it was written, or null when writing failed ({@code problem} says why; the step is saved and
 *                the form can be printed again from the dossier)
 * @param problem why the file could not be written, or null
 */
public record PrintedForm(String number, String title, byte[] pdf, Path file, String problem) {
}
