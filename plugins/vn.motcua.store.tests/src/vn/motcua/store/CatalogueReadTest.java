package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Procedure;

/**
 * The catalogue's newest versions, read by plain JDBC and remembered until the next write, equal what EclipseLink
 * reads procedure by procedure; a new version or a deactivation shows at once.
 */
class CatalogueReadTest {
    @TempDir
    Path dir;

    @Test
    void theRememberedCatalogueIsTheStoredOneAndFollowsWrites() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, CacheKey.generate())) {
            Procedure birth = Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch");
            Procedure copy = Fixtures.procedure("2.000908", "Chứng thực bản sao từ bản chính", "Chứng thực");
            cache.procedures().saveAll(List.of(birth, copy));
            List<Procedure> latest = cache.procedures().latestVersions();
            assertEquals(List.of(cache.procedures().find("1.001193", 1).orElseThrow(), cache.procedures().find("2.000908", 1).orElseThrow()),
                    latest, "JDBC read equals the JPA read, in code order");
            assertEquals(List.of(birth, copy), latest);
            assertSame(latest, cache.procedures().latestVersions(), "remembered while nothing is written");

            Procedure renamed = new Procedure(birth.code(), "Đăng ký khai sinh (sửa đổi)", birth.fieldName(), birth.level(), birth.processingTimes(),
                    birth.cutOffTime(), birth.fees(), birth.requiredDocuments(), birth.legalBasis(), birth.implementingAgency(),
                    birth.onlineLevel(), false, 2, LocalDate.of(2026, 12, 1));
            cache.procedures().save(renamed);
            assertEquals(List.of(renamed, copy), cache.procedures().latestVersions(), "the new version at once");
            assertEquals(List.of(copy), cache.procedures().activeCatalogue(), "inactive newest version leaves the active list");
            // What the write left remembered is what the store holds (read again on a fresh view of the file).
            cache.changed();
            assertEquals(List.of(renamed, copy), cache.procedures().latestVersions());
            // A name with decomposed diacritics (NFD, as some Excel files carry) is remembered as the store keeps it.
            Procedure nfd = new Procedure("1.000894", java.text.Normalizer.normalize("Đăng ký kết hôn", java.text.Normalizer.Form.NFD),
                    "Hộ tịch", copy.level(), copy.processingTimes(), copy.cutOffTime(), copy.fees(), copy.requiredDocuments(), copy.legalBasis(),
                    copy.implementingAgency(), copy.onlineLevel(), true, 1, copy.effectiveDate());
            cache.procedures().saveAll(List.of(nfd));
            List<Procedure> remembered = cache.procedures().latestVersions();
            cache.changed();
            assertEquals(cache.procedures().latestVersions(), remembered);
            assertEquals("Đăng ký kết hôn", remembered.get(0).name());
        }
    }
}
