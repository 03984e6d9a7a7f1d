package vn.motcua.excel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which column holds what, for one header shape. {@code signature} identifies the shape (folded header texts)
 * so a mapping the user corrected is found again for the next file of the same shape.
 */
public record ColumnMapping(String signature, List<String> headers, Map<Integer, ColumnKind> columns) {
    public ColumnMapping {
        headers = List.copyOf(headers);
        columns = java.util.Collections.unmodifiableMap(new TreeMap<>(columns));
    }

    public static String signatureOf(List<String> headers) {
        StringBuilder b = new StringBuilder();
        for (String h : headers) {
            b.append(Folding.words(h)).append('|');
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of {@code kind}, or -1 (asked for every cell of every row: a plain loop, no stream). */
    public int columnOf(ColumnKind kind) {
        int first = -1;
        for (Map.Entry<Integer, ColumnKind> e : columns.entrySet()) {
            if (e.getValue() == kind && (first < 0 || e.getKey() < first)) {
                first = e.getKey();
            }
        }
        return first;
    }

    /** A copy with column {@code col} set to {@code kind} (the user's correction). */
    public ColumnMapping with(int col, ColumnKind kind) {
        Map<Integer, ColumnKind> m = new TreeMap<>(columns);
        m.put(col, kind);
        return new ColumnMapping(signature, headers, m);
    }
}
