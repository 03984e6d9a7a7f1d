package vn.motcua.training;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
import vn.motcua.core.calendar.Reception;
import vn.motcua.core.calendar.Supplement;
import vn.motcua.core.calendar.SupplementMode;
import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.ResultDocument;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.core.rules.RulePacks;

/**
 * Realistic, reproducible dossiers for the demo commune: Vietnamese names and addresses, valid-looking
 * citizen IDs, reception times within office hours on working days. Nothing is written around the real rules,
 * so a trainer never demonstrates data the product itself would refuse: every step is a command applied by
 * {@link Lifecycle} with a staff member of the agency acting in their role, due times come from
 * {@link DueTimeCalculator} (the procedure's time for the channel and its cut-off), and the rule pack is the
 * one in force at reception. The same seed and "now" always give the same data.
 */
public final class DemoDataGenerator {
    static final ZoneId VIETNAM = RulePacks.VIETNAM;
    static final String CLERK = "canbo.motcua";
    static final String SPECIALIST = "chuyenvien.tuphap";
    static final String HEAD = "lanhdao.ubnd";

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
    private static final DateTimeFormatter CODE_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    /**
     * The commune's staff as the lifecycle sees them: clerk at the counter, civil-status specialist, head of the
     * commune People's Committee.
     */
    record Staff(Actor clerk, Actor specialist, Actor head) {
        static Staff of(String agencyCode) {
            return new Staff(
                    new Actor(new User(CLERK, "Nguyễn Thị Thu Hà", agencyCode, Set.of(Role.CLERK)), Role.CLERK, "QUAY-01"),
                    new Actor(new User(SPECIALIST, "Trần Văn Minh", agencyCode, Set.of(Role.SPECIALIST)), Role.SPECIALIST,
                            "TUPHAP-01"),
                    new Actor(new User(HEAD, "Phạm Quốc Hưng", agencyCode, Set.of(Role.HEAD)), Role.HEAD, "LANHDAO-01"));
        }
    }

    private final WorkingTimeCalendar calendar;
    private final DueTimeCalculator dueTimes;
    private final Lifecycle lifecycle = Lifecycle.standard();
    private final RulePacks rulePacks = RulePacks.standard();

    public DemoDataGenerator(WorkingTimeCalendar calendar) {
        this.calendar = calendar;
        this.dueTimes = new DueTimeCalculator(calendar);
    }

    /**
     * {@code count} dossiers of {@code agencyCode}, received over the ~90 days before {@code now}, oldest first;
     * no event is after {@code now}.
     */
    public List<Dossier> dossiers(long seed, int count, List<Procedure> procedures, String agencyCode, Instant now) {
        Random rnd = new Random(seed);
        Staff staff = Staff.of(agencyCode);
        LocalDateTime nowLocal = LocalDateTime.ofInstant(now, VIETNAM);
        LocalDate today = nowLocal.toLocalDate();
        List<LocalDateTime> receptions = new ArrayList<>();
        LocalDate day = calendar.workingDayOnOrAfter(today.minusDays(90));
        while (receptions.size() < count) {
            if (calendar.isWorkingDay(day)) {
                // A random moment of the day's office hours (never over lunch, never at or after closing).
                LocalDateTime opening = calendar.openingTime(day);
                long minutes = calendar.workingTimeBetween(opening, calendar.closingTime(day)).toMinutes();
                LocalDateTime at = inOfficeHours(calendar.addWorkingTime(opening, Duration.ofMinutes(rnd.nextInt((int) minutes))));
                if (at.isBefore(nowLocal)) {
                    receptions.add(at);
                }
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
            Procedure p = procedures.get(weightedProcedure(rnd, procedures.size()));
            int seq = dailySequence.merge(received.toLocalDate(), 1, Integer::sum);
            String code = agencyCode + "-" + received.format(CODE_DATE) + "-" + String.format("%04d", seq);
            out.add(dossier(rnd, staff, code, p, agencyCode, received, now));
        }
        return out;
    }

    /** The first procedures (civil status, certification) are the commune's daily bread. */
    private static int weightedProcedure(Random rnd, int n) {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(n) : rnd.nextInt(Math.min(n, 11));
    }

    private Dossier dossier(Random rnd, Staff staff, String code, Procedure p, String agencyCode, LocalDateTime received,
            Instant now) {
        PersonApplicant applicant = person(rnd);
        List<ReceivedPaper> papers = new ArrayList<>();
        // Reuse and the national data store drawn from their own sequence, so the rest of the demo stays as it was.
        Random reuse = new Random(code.hashCode());
        for (RequiredDocument d : p.requiredDocuments()) {
            if (!d.optional() || rnd.nextBoolean()) {
                papers.add(new ReceivedPaper(d.id(), d.count(), d.kind() == PaperKind.ORIGINAL ? PaperKind.ORIGINAL : PaperKind.COPY,
                        rnd.nextInt(10) < 8, reuse.nextInt(100) < 12, reuse.nextInt(100) < 20));
            }
        }
        Channel channel = rnd.nextInt(10) < 7 ? Channel.IN_PERSON : Channel.ONLINE;
        if (p.processingTime(channel).isEmpty()) {
            channel = Channel.IN_PERSON; // not offered on that channel
        }
        Instant receivedAt = received.atZone(VIETNAM).toInstant();
        // The pack in force on the reception day is pinned for good (lifecycle.md: rules versioned by date).
        String rulePack = rulePacks.forReceptionTime(receivedAt).id();
        History h = new History(Dossier.draft(p.code(), p.version(), rulePack, channel, applicant, papers, agencyCode), now,
                stepTime(p.processingTime(channel).orElse(null)));

        int roll = rnd.nextInt(100);
        if (roll < 3) {
            h.apply(new Command.Refuse(REFUSALS[rnd.nextInt(REFUSALS.length)], code), staff.clerk(), receivedAt);
            return h.dossier;
        }
        h.apply(new Command.Receive(code, dueAt(p, channel, received, List.of())), staff.clerk(), receivedAt);
        // Steps follow each other until "now" stops them; a few dossiers stall part-way (someone is on leave,
        // a paper is missing) — those are the ones that end up late, as in a real commune.
        int stage = rnd.nextInt(100) < 8 ? 1 + rnd.nextInt(6) : 7;
        if (stage >= 1 && !h.next(rnd, new Command.Assign(staff.specialist().username()), staff.clerk())) {
            return h.dossier;
        }
        if (stage >= 2) {
            if (!h.next(rnd, new Command.StartProcessing(), staff.specialist())) {
                return h.dossier;
            }
            if (rnd.nextInt(12) == 0) {
                if (!h.next(rnd, new Command.RequestSupplement(SUPPLEMENTS[rnd.nextInt(SUPPLEMENTS.length)], null),
                        staff.specialist())) {
                    return h.dossier;
                }
                Instant requested = h.last;
                // Half of the applicants have brought the papers by now; the others are still awaited.
                Instant completed = rnd.nextBoolean() ? h.later(rnd) : null;
                if (completed == null) {
                    return h.dossier;
                }
                Supplement s = new Supplement(LocalDateTime.ofInstant(requested, VIETNAM), LocalDateTime.ofInstant(completed, VIETNAM));
                h.apply(new Command.ReceiveSupplement(dueAt(p, channel, received, List.of(s))), staff.clerk(), completed);
                if (!h.next(rnd, new Command.StartProcessing(), staff.specialist())) {
                    return h.dossier;
                }
            }
            if (rnd.nextInt(60) == 0) {
                h.next(rnd, new Command.Withdraw("Người nộp có đơn xin rút hồ sơ"), staff.clerk());
                return h.dossier;
            }
        }
        if (stage >= 3 && !h.next(rnd, new Command.SubmitForApproval(), staff.specialist())) {
            return h.dossier;
        }
        if (stage >= 4 && !h.next(rnd, new Command.Approve(), staff.head())) {
            return h.dossier;
        }
        if (stage >= 5) {
            Instant at = h.later(rnd);
            if (at == null) {
                return h.dossier;
            }
            // Numbered and sealed on the day of issuing by the records clerk (here the one-stop clerk).
            ResultDocument result = new ResultDocument("Kết quả giải quyết " + p.name().replaceFirst("^Thủ tục ", ""),
                    "KQ-" + code.substring(agencyCode.length() + 1), LocalDateTime.ofInstant(at, VIETNAM).toLocalDate(), null);
            h.apply(new Command.Issue(result), staff.clerk(), at);
        }
        if (stage >= 6 && !h.next(rnd, new Command.MarkResultReady(), staff.clerk())) {
            return h.dossier;
        }
        if (stage >= 7) {
            DeliveryMethod method = channel == Channel.ONLINE ? DeliveryMethod.ELECTRONIC : DeliveryMethod.AT_COUNTER;
            // Most applicants rate the service at the counter, a few are not satisfied (drawn apart, as the flags above).
            int r = reuse.nextInt(100);
            vn.motcua.core.model.Satisfaction rating = method != DeliveryMethod.AT_COUNTER || r < 25 ? null
                    : r < 45 ? vn.motcua.core.model.Satisfaction.VERY_SATISFIED : r < 96 ? vn.motcua.core.model.Satisfaction.SATISFIED
                            : vn.motcua.core.model.Satisfaction.DISSATISFIED;
            h.next(rnd, new Command.DeliverResult(new Delivery(method, "", null, applicant.fullName(), rating)), staff.clerk());
        }
        return h.dossier;
    }

    /**
     * The appointment the counter promises: the procedure's time for the channel from the reception, with its
     * cut-off and the completed supplements ({@link SupplementMode#defaultMode()}); null without a due date.
     */
    private Instant dueAt(Procedure p, Channel channel, LocalDateTime received, List<Supplement> supplements) {
        ProcessingTime time = p.processingTime(channel).orElseThrow();
        DueTimeRequest request = new DueTimeRequest(received, time, p.cutOff().orElse(null), SupplementMode.defaultMode(),
                supplements);
        LocalDateTime due = dueTimes.compute(request).dueAt();
        return due == null ? null : due.atZone(VIETNAM).toInstant();
    }

    /**
     * A typical step: the procedure's working time shared over the six steps to the result (a same-day
     * procedure's steps take tens of minutes); five working days when the time is in calendar units or none.
     */
    private static Duration stepTime(ProcessingTime time) {
        Duration budget = time == null || !time.hasDueDate() ? null : time.isSameDay() ? Duration.ofHours(4) : time.workingTime();
        return (budget == null ? Duration.ofHours(40) : budget).dividedBy(6);
    }

    /** A time as it can happen at the desk: on an interval's end (11:30, 17:00) it is the next opening. */
    private LocalDateTime inOfficeHours(LocalDateTime t) {
        Reception r = calendar.normalizeReception(t);
        return r.clockStart();
    }

    /** A dossier's history being written: each step goes through the lifecycle, none after "now". */
    private final class History {
        Dossier dossier;
        Instant last;
        final Instant now;

        /** Typical working time of one step: a share of the legal time, so most dossiers finish on time. */
        final Duration step;

        History(Dossier draft, Instant now, Duration step) {
            this.dossier = draft;
            this.now = now;
            this.step = step;
        }

        void apply(Command c, Actor actor, Instant at) {
            dossier = lifecycle.apply(dossier, c, actor, at).dossier();
            last = at;
        }

        /**
         * The time of the next step: 20 % to 120 % of a typical step after the last one, within office hours;
         * null when that is still in the future (the history stops there). Six steps of 70 % on average, plus the
         * wait for office hours, leave about one dossier in ten late, as in a real commune (the reports show it:
         * an average of 100 % made every other dossier late).
         */
        Instant later(Random rnd) {
            LocalDateTime from = LocalDateTime.ofInstant(last, VIETNAM);
            long minutes = Math.max(5, step.toMinutes() * (20 + rnd.nextInt(101)) / 100);
            LocalDateTime next = inOfficeHours(calendar.addWorkingTime(from, Duration.ofMinutes(minutes)));
            Instant i = next.atZone(VIETNAM).toInstant();
            return i.isAfter(now) ? null : i;
        }

        /** Applies {@code c} at the next step's time; false when that time has not come yet. */
        boolean next(Random rnd, Command c, Actor actor) {
            Instant at = later(rnd);
            if (at == null) {
                return false;
            }
            apply(c, actor, at);
            return true;
        }
    }

    /** A realistic applicant of the demo commune (name, birth date, matching citizen ID, hamlet, phone). */
    public PersonApplicant applicant(Random rnd) {
        return person(rnd);
    }

    /** The appointment the counter promises for a reception at {@code received} (no supplements). */
    public Instant appointment(Procedure p, Channel channel, LocalDateTime received) {
        return dueAt(p, channel, received, List.of());
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
