package vn.motcua.store.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The tokenizer shared by the index and the queries, and the choice of the word that drives a search. */
class SearchTokensTest {
    @Test
    void foldsAndKeepsCodesWhole() {
        Set<String> t = SearchTokens.ofDossier("000.00.10.H29-261120-0001", "Đặng Thị Đào", "001190054321", "0912 345 678", "1.001193",
                "Đăng ký khai sinh (cấp xã), kết hợp nhận cha, mẹ, con");
        assertEquals(List.of("000.00.10.h29-261120-0001", "261120-0001", "0001", "dang", "thi", "dao", "001190054321", "0912345678",
                "1.001193", "ky", "khai", "sinh", "cap", "xa", "ket", "hop", "nhan", "cha", "me", "con"), new ArrayList<>(t));
        assertEquals(" a b ", SearchTokens.searchText(new java.util.LinkedHashSet<>(List.of("a", "b"))));
        assertEquals(List.of("nguyen", "van", "a"), SearchTokens.queryWords("  Nguyễn  VĂN a nguyen "));
        assertEquals(List.of("000.00.10.h29-261120"), SearchTokens.queryWords("000.00.10.H29-261120,"));
    }

    @Test
    void theRarestWordDrivesEvenAmongCommonOnes() {
        // Index entries per word at a million dossiers; probes are capped as the real ones are.
        Map<String, Long> rows = Map.of("nguyen", 380_000L, "van", 250_000L, "hung", 15_000L, "0912", 40L);
        List<Integer> caps = new ArrayList<>();
        List<String> order = DossierSearchSql.mostSelectiveFirst(List.of("nguyen", "van", "hung"), sql -> {
            int cap = Integer.parseInt(sql.sql().replaceAll(".*FETCH FIRST (\\d+) ROWS.*", "$1"));
            caps.add(cap);
            return Math.min(cap, rows.get((String) sql.params().get(0)));
        });
        assertEquals("hung", order.get(0), "the given name drives, not the surname");
        assertEquals(List.of(1_000, 1_000, 1_000, 50_000, 50_000, 50_000), caps);
        caps.clear();
        List<String> withPhone = DossierSearchSql.mostSelectiveFirst(List.of("nguyen", "0912"), sql -> {
            int cap = Integer.parseInt(sql.sql().replaceAll(".*FETCH FIRST (\\d+) ROWS.*", "$1"));
            caps.add(cap);
            return Math.min(cap, rows.get((String) sql.params().get(0)));
        });
        assertEquals(List.of("0912", "nguyen"), withPhone);
        assertTrue(caps.stream().allMatch(c -> c == 1_000), "a rare word needs no second look");
    }
}
