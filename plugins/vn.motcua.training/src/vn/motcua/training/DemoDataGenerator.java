package vn.motcua.training;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import vn.motcua.core.calendar.DueTimeCalculator;
import vn.motcua.core.calendar.DueTimeRequest;
import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.ResultDocument;
import vn.motcua.core.model.User;
import vn.motcua.core.rules.RulePacks;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Role;

/**
 * Realistic, reproducible dossiers for the demo commune: Vietnamese names and addresses, valid-looking
 * citizen IDs, reception times within office hours on working days, due dates from the working-time
 * calendar, and histories that follow the lifecycle. The same seed and "today" always give the same data.
 */
public final class DemoDataGenerator {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String CLERK = "canbo.motcua";
    static final String SPECIALIST = "chuyenvien.tuphap";
    static final String HEAD = "lanhdao.ubnd";
    static final String WORKSTATION = "QUAY-01";

    private static final String[] SURNAMES = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai" };
    private static final String[] MALE_MIDDLE = { "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Xuân", "Đình", "Ngọc" };
    private static final String[] FEMALE_MIDDLE = { "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Thúy", "Hồng", "Kim", "Bích" };
    private static final String[] MALE_GIVEN = { "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hùng", "Khánh",
            "Long", "Mạnh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Vinh" };
    private static final String[] FEMALE_GIVEN = { "Anh", "Chi", "Dung", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai",
            "Ngân", "Nhung", "Oanh", "Phượng", "Quỳnh", "Thảo", "Trang", "Uyên", "Vân", "Yến" };
    private static final String[] HAMLETS = { "Thôn Đồng Lạc", "Thôn Hợp Nhất", "Thôn Trung Hà", "Khu 1", "Khu 2", "Khu 3", "Thôn Bãi Thịnh",
            "Thôn Gò Cao", "Thôn Phú Lợi", "Thôn Tân Lập" };
    private static final String[] REFUSALS = { "Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã",
            "Người nộp không đủ điều kiện theo quy định", "Thủ tục đã được giải quyết trước đó" };
    private static final String[] SUPPLEMENTS = { "Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ",
            "Tờ khai chưa có chữ ký của người yêu cầu", "Bản sao CCCD không rõ số" };

    private final WorkingTimeCalendar calendar;
    private final DueTimeCalculator dueTimes;
    private final Lifecycle lifecycle = Lifecycle.standard();
    private final RulePacks rulePacks = RulePacks.standard();
    private final Actor clerk = actor(CLERK, "Nguyễn Thị Lan", Role.CLERK);
    private final Actor specialist = actor(SPECIALIST, "Trần Văn Minh", Role.SPECIALIST);
    private final Actor head = actor(HEAD, "Lê Quang Hùng", Role.HEAD);

    public DemoDataGenerator(WorkingTimeCalendar calendar) {
        this.calendar = calendar;
        this.dueTimes = new DueTimeCalculator(calendar);
    }

    private static Actor actor(String username, String fullName, Role role) {
        return new Actor(new User(username, fullName, DemoCatalogue.COMMUNE.code(), Set.of(role)), role, WORKSTATION);
    }

    /** {@code count} dossiers received over the ~90 days before {@code now}, oldest first, none in the future. */
    public List<Dossier> dossiers(long seed, int count, List<Procedure> procedures, String agencyCode, Instant now) {
        Random rnd = new Random(seed);
        LocalDateTime nowLocal = LocalDateTime.ofInstant(now, VIETNAM);
        LocalDate today = nowLocal.toLocalDate();
        List<LocalDateTime> receptions = new ArrayList<>();
        LocalDate day = calendar.workingDayOnOrAfter(today.minusDays(90));
        while (receptions.size() < count) {
            LocalDateTime at = day.atTime(7, 30).plusMinutes(rnd.nextInt(8 * 60));
            if (calendar.isWorkingDay(day) && at.isBefore(nowLocal)) {
                receptions.add(at);
            }
            day = day.plusDays(1);
            if (day.isAfter(today)) {
                day = calendar.workingDayOnOrAfter(today.minusDays(90 - rnd.nextInt(90)));
            }
        }
        receptions.sort(null);
        Map<LocalDate, Integer> dailySequence = new HashMap<>();
        List<Dossier> out = new ArrayList<>(count);
        for (LocalDateTime received : receptions) {
            if (received.toLocalTime().isAfter(LocalTime.of(11, 30)) && received.toLocalTime().isBefore(LocalTime.of(13, 30))) {
                received = received.minusHours(2); // nobody is at the counter over lunch
            }
            Procedure p = procedures.get(weightedProcedure(rnd, procedures.size()));
            int seq = dailySequence.merge(received.toLocalDate(), 1, Integer::sum);
            String code = agencyCode + "-" + received.format(DateTimeFormatter.ofPattern("yyMMdd")) + "-" + String.format("%04d", seq);
            out.add(dossier(rnd, code, p, agencyCode, received, now));
        }
        return out;
    }

    /** The first procedures (civil status, certification) are the commune's daily bread. */
    private static int weightedProcedure(Random rnd, int n) {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(n) : rnd.nextInt(Math.min(n, 11));
    }

    private Dossier dossier(Random rnd, String code, Procedure p, String agencyCode, LocalDateTime received, Instant now) {
        PersonApplicant applicant = person(rnd);
        List<ReceivedPaper> papers = new ArrayList<>();
        for (RequiredDocument d : p.requiredDocuments()) {
            if (!d.optional() || rnd.nextBoolean()) {
                papers.add(new ReceivedPaper(d.id(), d.count(), d.kind() == PaperKind.ORIGINAL ? PaperKind.ORIGINAL : PaperKind.COPY,
                        rnd.nextInt(10) < 8, false, false));
            }
        }
        Channel channel = rnd.nextInt(10) < 7 ? Channel.IN_PERSON : Channel.ONLINE;
        Instant receivedAt = received.atZone(VIETNAM).toInstant();
        String rulePack = rulePacks.forReceptionTime(receivedAt).id();
        Dossier d = Dossier.draft(p.code(), p.version(), rulePack, channel, applicant, papers, agencyCode);
        Instant dueAt = dueAt(p, channel, received);

        // Every step goes through the real state machine, so demo histories are ones the product accepts.
        long ageHours = (now.getEpochSecond() - receivedAt.getEpochSecond()) / 3600;
        int roll = rnd.nextInt(100);
        if (roll < 3) {
            return apply(d, new Command.Refuse(REFUSALS[rnd.nextInt(REFUSALS.length)], code), clerk, receivedAt);
        }
        d = apply(d, new Command.Receive(code, dueAt), clerk, receivedAt);
        int stage = ageHours < 4 ? rnd.nextInt(2) : ageHours < 48 ? 1 + rnd.nextInt(4) : ageHours < 24 * 10 ? 2 + rnd.nextInt(6) : 4 + rnd.nextInt(4);
        Instant t = receivedAt;
        if (stage >= 1) {
            d = apply(d, new Command.Assign(SPECIALIST), clerk, t = later(t, rnd, now));
        }
        if (stage >= 2) {
            d = apply(d, new Command.StartProcessing(), specialist, t = later(t, rnd, now));
            if (rnd.nextInt(12) == 0) {
                return apply(d, new Command.RequestSupplement(SUPPLEMENTS[rnd.nextInt(SUPPLEMENTS.length)], null), specialist,
                        later(t, rnd, now));
            }
            if (rnd.nextInt(60) == 0) {
                return apply(d, new Command.Withdraw("Người nộp có đơn xin rút hồ sơ"), clerk, later(t, rnd, now));
            }
        }
        if (stage >= 3) {
            d = apply(d, new Command.SubmitForApproval(), specialist, t = later(t, rnd, now));
        }
        if (stage >= 4) {
            d = apply(d, new Command.Approve(), head, t = later(t, rnd, now));
        }
        if (stage >= 5) {
            LocalDate issued = LocalDateTime.ofInstant(t, VIETNAM).toLocalDate();
            d = apply(d, new Command.Issue(new ResultDocument("Kết quả giải quyết: " + p.name(), "%d/UBND".formatted(100 + rnd.nextInt(900)),
                    issued, null)), clerk, t = later(t, rnd, now));
        }
        if (stage >= 6) {
            d = apply(d, new Command.MarkResultReady(), clerk, t = later(t, rnd, now));
        }
        if (stage >= 7) {
            Instant at = later(t, rnd, now);
            d = apply(d, new Command.DeliverResult(new Delivery(DeliveryMethod.AT_COUNTER, "", at, applicant.fullName())), clerk, at);
        }
        return d;
    }

    private Dossier apply(Dossier d, Command c, Actor actor, Instant at) {
        return lifecycle.apply(d, c, actor, at).dossier();
    }

    /** The legal due time from the working-time calendar; null when the procedure has none. */
    private Instant dueAt(Procedure p, Channel channel, LocalDateTime received) {
        ProcessingTime time = p.processingTime(channel).orElse(null);
        if (time == null || !time.hasDueDate()) {
            return null;
        }
        DueTimeRequest request = DueTimeRequest.of(received, time);
        if (p.cutOff().isPresent()) {
            request = request.withCutOff(p.cutOff().get());
        }
        LocalDateTime due = dueTimes.compute(request).dueAt();
        return due == null ? null : due.atZone(VIETNAM).toInstant();
    }

    /** The next step of a dossier: half an hour to two working days later, within office hours, never after now. */
    private Instant later(Instant t, Random rnd, Instant now) {
        LocalDateTime from = LocalDateTime.ofInstant(t, VIETNAM);
        LocalDateTime next = calendar.addWorkingTime(calendar.normalizeReception(from).clockStart(),
                java.time.Duration.ofMinutes(30 + rnd.nextInt(16 * 60)));
        Instant i = next.atZone(VIETNAM).toInstant();
        return i.isAfter(now) ? t.plusSeconds(60) : i;
    }

    private PersonApplicant person(Random rnd) {
        boolean male = rnd.nextBoolean();
        String name = SURNAMES[rnd.nextInt(SURNAMES.length)] + " "
                + (male ? MALE_MIDDLE[rnd.nextInt(MALE_MIDDLE.length)] : FEMALE_MIDDLE[rnd.nextInt(FEMALE_MIDDLE.length)]) + " "
                + (male ? MALE_GIVEN[rnd.nextInt(MALE_GIVEN.length)] : FEMALE_GIVEN[rnd.nextInt(FEMALE_GIVEN.length)]);
        LocalDate birth = LocalDate.of(1950 + rnd.nextInt(55), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        // Citizen ID: Phú Thọ (025), gender/century digit, two year digits, six random digits.
        int century = birth.getYear() >= 2000 ? 2 : 0;
        String id = String.format("025%d%02d%06d", century + (male ? 0 : 1), birth.getYear() % 100, rnd.nextInt(1_000_000));
        String phone = "09" + String.format("%08d", rnd.nextInt(100_000_000));
        String address = HAMLETS[rnd.nextInt(HAMLETS.length)] + ", xã Hợp Thịnh, tỉnh Phú Thọ";
        return new PersonApplicant(name, birth, id, address, phone, "");
    }
}
