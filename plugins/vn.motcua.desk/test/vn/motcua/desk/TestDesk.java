package vn.motcua.desk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierQueries;
import vn.motcua.store.JdbcNumberBlockStore;
import vn.motcua.store.JpaAgencyRepository;
import vn.motcua.store.JpaDossierRepository;
import vn.motcua.store.JpaProcedureRepository;
import vn.motcua.store.LocalCache;
import vn.motcua.store.LocalUsers;
import vn.motcua.store.SyncLedger;
import vn.motcua.store.WorkstationCalendar;

/**
 * A commune's desk on a real encrypted H2 file in a temporary data folder, wired as the DS runtime wires it (the
 * store's repositories over the open cache, the desk's use cases over those), with a clock the test moves and the
 * announced changes recorded. No OSGi, no display.
 */
final class TestDesk implements AutoCloseable {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String PROVINCE = "000.00.00.H43";
    static final String AGENCY = "000.00.21.H43";
    static final String OTHER_AGENCY = "000.00.22.H43";
    /** Birth registration: 3 working days at the counter, 2 online, not offered by post; after 15:00, the next day. */
    static final Procedure BIRTH = new Procedure("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", Level.COMMUNE,
            Map.of(Channel.IN_PERSON, ProcessingTime.of(3, vn.motcua.core.model.DurationUnit.WORKING_DAYS),
                    Channel.ONLINE, ProcessingTime.of(2, vn.motcua.core.model.DurationUnit.WORKING_DAYS)),
            LocalTime.of(15, 0), Map.of(Channel.IN_PERSON, Fee.free(), Channel.ONLINE, Fee.free()),
            List.of(new RequiredDocument("1", "Tờ khai đăng ký khai sinh", PaperKind.ORIGINAL, 1, false),
                    new RequiredDocument("2", "Giấy chứng sinh", PaperKind.ORIGINAL, 1, false),
                    new RequiredDocument("3", "Văn bản ủy quyền", PaperKind.COPY, 1, true)),
            List.of("Luật Hộ tịch 2014"), "UBND cấp xã", OnlineLevel.FULL, true, 1, java.time.LocalDate.of(2020, 1, 1));
    static final User CLERK = new User("canbo", "Nguyễn Thị Thu", AGENCY, EnumSet.of(Role.CLERK));
    static final User SPECIALIST = new User("chuyenvien", "Trần Văn Bình", AGENCY, EnumSet.of(Role.SPECIALIST));
    static final User HEAD = new User("lanhdao", "Lê Thị Mai", AGENCY, EnumSet.of(Role.HEAD));
    static final User ALL = new User("demo", "Phạm Văn Demo", AGENCY, EnumSet.of(Role.CLERK, Role.SPECIALIST, Role.HEAD));

    final Path dir;
    final LocalCache cache;
    final MovableClock clock;
    final List<DossierChange> changes = new ArrayList<>();
    final JpaDossierRepository dossiers;
    final DossierForms forms;
    final Counter counter;
    final DossierCommands commands;

    TestDesk(Path dir, Instant start) throws Exception {
        this.dir = dir;
        this.cache = CacheOpener.open(dir, CacheKey.generate());
        this.clock = new MovableClock(start);
        JpaAgencyRepository agencies = new JpaAgencyRepository(cache);
        agencies.save(new Agency(PROVINCE, "Ủy ban nhân dân tỉnh Phú Thọ", Level.PROVINCE, null));
        agencies.save(new Agency(AGENCY, "Ủy ban nhân dân xã Hợp Thịnh", Level.COMMUNE, PROVINCE));
        agencies.save(new Agency(OTHER_AGENCY, "Ủy ban nhân dân xã Đạo Tú", Level.COMMUNE, PROVINCE));
        JpaProcedureRepository procedures = new JpaProcedureRepository(cache);
        procedures.save(BIRTH);
        LocalUsers users = new LocalUsers(cache);
        for (User u : List.of(CLERK, SPECIALIST, HEAD, ALL)) {
            users.save(u);
            // As after each one's login in the product: their changes are signed as they are written.
            cache.signCommandsWith(vn.motcua.store.UserKey.generate(u.username(), "desk-test", "QUAY-01", java.time.Instant.now()));
        }
        dossiers = new JpaDossierRepository(cache);
        forms = new DossierForms(procedures, agencies, users, cache);
        DeskEvents events = changes::add;
        WorkstationCalendar calendar = new WorkstationCalendar(cache);
        counter = new Counter(dossiers, procedures, new DossierQueries(cache), new JdbcNumberBlockStore(cache), () -> 1, calendar, forms, events,
                clock);
        commands = new DossierCommands(dossiers, procedures, agencies, users, calendar, forms, events, clock);
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant();
    }

    static UserSession session(User u) {
        return new UserSession(u, "QUAY-01", false);
    }

    static ActingAs as(User u, Role r) {
        return new ActingAs(session(u), r);
    }

    static Counter.Application application(List<String> papers) {
        List<ReceivedPaper> received = papers.stream().map(id -> new ReceivedPaper(id, 1, PaperKind.ORIGINAL, false, false, false)).toList();
        return new Counter.Application(BIRTH, Channel.IN_PERSON,
                new PersonApplicant("Nguyễn Văn An", java.time.LocalDate.of(1990, 3, 12), "025090001234", "Thôn Đồng Lạc", "0912345678", ""),
                received, List.of());
    }

    static Counter.Application complete() {
        return application(List.of("1", "2"));
    }

    /** A dossier received at the counter now and brought to the specialist's desk (assigned, appraised). */
    String inProcess() {
        String code = counter.receive(complete(), session(CLERK), null).code();
        commands.assign(code, SPECIALIST.username(), as(CLERK, Role.CLERK));
        commands.startProcessing(code, as(SPECIALIST, Role.SPECIALIST));
        return code;
    }

    long outboxSize() {
        return new SyncLedger(cache).pendingCount();
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // Lines wrap where the layout wants: compare words, not lines.
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    static String text(Path pdf) throws IOException {
        return text(Files.readAllBytes(pdf));
    }

    @Override
    public void close() {
        cache.close();
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        void plusMinutes(long m) {
            now = now.plusSeconds(60 * m);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return VIETNAM;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
