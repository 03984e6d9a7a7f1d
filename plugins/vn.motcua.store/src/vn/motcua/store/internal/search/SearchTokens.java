package vn.motcua.store.internal.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import vn.motcua.core.text.VietnameseText;

/**
 * The one tokenizer of the search index: the indexed fields and the clerk's query both go through it, so
 * they always agree. Text is folded ({@link VietnameseText#fold}: lower case, no diacritics, đ→d) and cut at
 * white space. A word holding a digit is kept whole (dossier codes, citizen IDs, phones, procedure codes such
 * as {@code 1.001193}), because its dots and dashes are part of it; other words are cut at any punctuation
 * ("cha," "(cấp" → "cha", "cap").
 */
public final class SearchTokens {
    /** Longest token stored; longer words are cut, which keeps prefix matching right for what clerks type. */
    public static final int MAX_LENGTH = 64;
    /** Size of the {@code dossier.search_text} column. */
    static final int SEARCH_TEXT_LENGTH = 2000;

    private SearchTokens() {
    }

    /**
     * The distinct tokens of the searchable fields of one dossier, procedure code and name last: what
     * {@code dossier.search_text} holds (see {@link #searchText}).
     */
    public static Set<String> ofDossier(String code, String applicantName, String idNumber, String phone, String procedureCode,
            String procedureName) {
        Set<String> out = indexedOfDossier(code, applicantName, idNumber, phone);
        addWords(out, procedureCode);
        addWords(out, procedureName);
        return out;
    }

    /**
     * The tokens of a dossier that are rows of {@code dossier_search_token}: those of its own fields (code, applicant,
     * ID, phone), not those of its procedure. A procedure's code and name are shared by thousands of dossiers and were
     * ~13 of a dossier's ~22 rows, the largest part of a first sync's writes; their words are found through
     * {@code procedure_search_token} instead ({@link #ofProcedure}, {@code DossierSearchSql}). A word of the procedure
     * that is also a word of the dossier's own fields (the applicant Đặng, the procedure Đăng ký) stays a row.
     */
    public static Set<String> indexedOfDossier(String code, String applicantName, String idNumber, String phone) {
        Set<String> out = new LinkedHashSet<>();
        addWords(out, code);
        // Clerks type the tail of a receipt code ("261120-0001"): index the parts after each dash as well.
        String folded = VietnameseText.fold(code);
        for (int i = folded.indexOf('-'); i >= 0; i = folded.indexOf('-', i + 1)) {
            add(out, folded.substring(i + 1));
        }
        addWords(out, applicantName);
        addWords(out, idNumber);
        // Phones are written "0912 345 678" or "0912.345.678": index the digits alone.
        if (phone != null) {
            add(out, phone.replaceAll("[^0-9+]", ""));
        }
        return out;
    }

    /** The tokens of a procedure's code and name, as {@link #ofDossier} adds them to its dossiers' search_text. */
    public static Set<String> ofProcedure(String code, String name) {
        Set<String> out = new LinkedHashSet<>();
        addWords(out, code);
        addWords(out, name);
        return out;
    }

    /**
     * The {@code dossier.search_text} of a token set: the tokens between single spaces, with a space at each
     * end, so "a token starts with w" is {@code LIKE '% w%'} and "w is a token" is {@code LIKE '% w %'}. The
     * search checks its candidates' other words on this column instead of one index probe per word.
     */
    public static String searchText(Set<String> tokens) {
        String text = " " + String.join(" ", tokens) + " ";
        if (text.length() > SEARCH_TEXT_LENGTH) {
            // The column's size; what is cut is only found as the first word of a query.
            text = text.substring(0, text.lastIndexOf(' ', SEARCH_TEXT_LENGTH - 1) + 1);
        }
        return text;
    }

    /** The words of a query in the order typed, without repeats; each is matched as a token prefix. */
    public static List<String> queryWords(String query) {
        Set<String> out = new LinkedHashSet<>();
        addWords(out, query);
        return new ArrayList<>(out);
    }

    private static void addWords(Set<String> out, String text) {
        String folded = VietnameseText.fold(text);
        if (folded.isEmpty()) {
            return;
        }
        for (String word : folded.split(" ")) {
            if (word.chars().anyMatch(Character::isDigit)) {
                add(out, trimPunctuation(word));
            } else {
                for (String part : word.split("[^\\p{L}\\p{N}]+")) {
                    add(out, part);
                }
            }
        }
    }

    private static void add(Set<String> out, String token) {
        if (!token.isEmpty()) {
            out.add(token.length() > MAX_LENGTH ? token.substring(0, MAX_LENGTH) : token);
        }
    }

    private static String trimPunctuation(String w) {
        int s = 0;
        int e = w.length();
        while (s < e && !Character.isLetterOrDigit(w.charAt(s))) {
            s++;
        }
        while (e > s && !Character.isLetterOrDigit(w.charAt(e - 1))) {
            e--;
        }
        return w.substring(s, e);
    }
}
