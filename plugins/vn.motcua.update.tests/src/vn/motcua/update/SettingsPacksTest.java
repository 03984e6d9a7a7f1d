package vn.motcua.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.calendar.OfficialSchedule;
import vn.motcua.update.settings.SettingsPacks;
import vn.motcua.update.tools.PackageBuilder;
import vn.motcua.update.tools.ReleaseKeys;

/** Central settings arrive signed, wait for their date, apply whole and keep what they replaced. */
class SettingsPacksTest {
    @TempDir
    static Path dir;
    static ReleaseKeys province;
    static ReleaseKeys stranger;
    static String schedules;

    @BeforeAll
    static void keys() throws Exception {
        province = Releases.key(dir, "province");
        stranger = Releases.key(dir, "stranger");
        try (InputStream in = OfficialSchedule.class.getResourceAsStream(OfficialSchedule.RESOURCE)) {
            schedules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path pack(String name, String version, LocalDate effective, ReleaseKeys key, String... pathAndText) throws Exception {
        Path files = dir.resolve("files-" + name);
        for (int i = 0; i < pathAndText.length; i += 2) {
            Path f = files.resolve(pathAndText[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, pathAndText[i + 1], StandardCharsets.UTF_8);
        }
        Path out = dir.resolve(name + ".p7m");
        PackageBuilder.settings(files, version, effective, "test", out, key);
        return out;
    }

    @Test
    void aNewHolidayScheduleAndRootCertificateApplyOnTheirDateAndKeepThePrevious() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data-ok"));
        Files.writeString(data.resolve("official-schedules.txt"), schedules);
        Files.writeString(data.resolve("signing.properties"), "certificate.lanhdao=ABCDEF\ntsa.url=http://old-tsa\n");
        String newDay = "2027-01-02   OFF                Nghỉ bù theo quyết định của tỉnh (gói thiết lập)\n";
        Path p = pack("ok", "2026.12.20", LocalDate.of(2027, 1, 1), province, "official-schedules.txt", schedules + newDay, "trust/province-root.pem",
                province.certificatePem(), "signing.properties", "tsa.url=http://tsa.tinh.gov.vn\n", "index-766.txt",
                "2.1 ; TDGQ ; 30 ; 60 ; ON_TIME\n", "templates/2025/01.xml", "<form><title>Mẫu 01</title></form>");
        SettingsPacks packs = new SettingsPacks(data, Releases.trust(province));
        assertEquals("2026.12.20", packs.receive(p).version());
        assertEquals("2026.12.20", packs.newestReceived());
        assertEquals(List.of(), packs.applyDue(LocalDate.of(2026, 12, 31)), "not before its date");
        assertEquals(schedules, Files.readString(data.resolve("official-schedules.txt")));
        assertEquals(List.of("2026.12.20"), packs.applyDue(LocalDate.of(2027, 1, 1)));
        assertTrue(Files.readString(data.resolve("official-schedules.txt")).endsWith(newDay));
        assertEquals(province.certificatePem(), Files.readString(data.resolve("trust/province-root.pem")));
        Properties signing = new Properties();
        signing.load(Files.newBufferedReader(data.resolve("signing.properties")));
        assertEquals("http://tsa.tinh.gov.vn", signing.getProperty("tsa.url"));
        assertEquals("ABCDEF", signing.getProperty("certificate.lanhdao"), "the users' own choices stay");
        assertEquals(schedules, Files.readString(data.resolve("settings-packs/previous/official-schedules.txt")));
        assertEquals("2026.12.20", packs.applied());
        assertEquals(List.of(), packs.applyDue(LocalDate.of(2027, 2, 1)), "applied once");
    }

    @Test
    void aPackWithOneBadFileIsRefusedWholeAndChangesNothing() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data-bad"));
        Files.writeString(data.resolve("official-schedules.txt"), schedules);
        Path p = pack("bad", "2026.12.21", LocalDate.of(2026, 1, 1), province, "index-766.txt", "2.1 ; TDGQ ; 30 ; 60 ; ON_TIME\n",
                "official-schedules.txt", "2027-13-45 OFF nonsense\n");
        SettingsPacks packs = new SettingsPacks(data, Releases.trust(province));
        PackageException e = assertThrows(PackageException.class, () -> packs.receive(p));
        assertEquals("settings.invalid", e.key());
        assertTrue(e.message(java.util.Locale.ENGLISH).contains("official-schedules.txt"), e.message(java.util.Locale.ENGLISH));
        assertFalse(Files.exists(data.resolve("index-766.txt")));
        assertEquals("", packs.newestReceived());
        Path script = pack("script", "2026.12.22", LocalDate.of(2026, 1, 1), province, "motcua.ini", "-vmargs\n-javaagent:evil.jar\n");
        assertEquals("settings.file", assertThrows(PackageException.class, () -> packs.receive(script)).key());
    }

    @Test
    void aPackSignedByAnotherKeyIsRefused() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data-stranger"));
        Path p = pack("stranger", "2026.12.23", LocalDate.of(2026, 1, 1), stranger, "index-766.txt", "2.1 ; TDGQ ; 30 ; 60 ; ON_TIME\n");
        assertEquals("package.untrusted", assertThrows(PackageException.class,
                () -> new SettingsPacks(data, Releases.trust(province)).receive(p)).key());
        assertFalse(Files.exists(data.resolve("index-766.txt")));
    }
}
