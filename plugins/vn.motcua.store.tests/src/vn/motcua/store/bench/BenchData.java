package vn.motcua.store.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.DurationUnit;
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

/**
 * A realistic, reproducible cache for benchmarks: Vietnamese names with the real surname frequencies (Nguyễn
 * about 38 %), addresses, citizen IDs and phones; a catalogue of ~2,000 procedures in 30 fields; dossiers
 * received over ten years up to {@link #NOW}, almost all of the older ones finished, the recent ones spread
 * over the working states. Each dossier has its reception event, and one more when it has moved on.
 */
public final class BenchData {
    /** The benchmark's "now": deadline classes and the ten years of history are relative to it. */
    public static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final int YEARS = 10;
    static final int AGENCIES = 20;

    private static final String[] SURNAMES = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lâm", "Trương", "Mai", "Cao", "Tạ", "Hà" };
    /** Per-mille weights of the surnames above (the rest of the thousand goes to the last one). */
    private static final int[] SURNAME_WEIGHTS = { 384, 110, 95, 70, 31, 21, 45, 20, 19, 21, 20, 14, 13, 13, 10, 5, 7, 6, 5, 5, 5, 4, 3 };
    private static final String[] MALE_MIDDLE = { "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Ngọc", "Tiến", "Duy",
            "Hoàng", "Quốc", "Anh", "Thế" };
    private static final String[] FEMALE_MIDDLE = { "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Thùy", "Phương", "Kim",
            "Hồng", "Mỹ", "Bảo", "Diệu", "Khánh" };
    private static final String[] MALE_GIVEN = { "Anh", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng",
            "Huy", "Khang", "Khánh", "Long", "Lâm", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng",
            "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Đức", "Hưng", "Lộc", "Tâm" };
    private static final String[] FEMALE_GIVEN = { "Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
            "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm",
            "Thảo", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến", "Đào", "Diệp", "Thư", "Nhi", "Lụa" };
    private static final String[] PLACES = { "Hợp Thịnh", "Đông Hưng", "Tân Phú", "An Bình", "Phú Lộc", "Thạch Thất", "Đồng Tâm", "Hòa Bình",
            "Quảng Yên", "Bình Minh", "Yên Lạc", "Tam Đảo", "Kim Long", "Vĩnh Tường", "Lập Thạch", "Sông Lô", "Đại Đồng", "Thái Hòa" };
    private static final String[] FIELDS = { "Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh doanh", "Lao động", "Bảo trợ xã hội",
            "Giáo dục", "Y tế", "Tư pháp", "Nông nghiệp", "Thủy sản", "Lâm nghiệp", "Môi trường", "Tài nguyên nước", "Giao thông", "Văn hóa",
            "Thể thao", "Du lịch", "Người có công", "Tôn giáo", "Thi đua khen thưởng", "Nội vụ", "Dân tộc", "Khoa học công nghệ",
            "Thông tin truyền thông", "Tài chính", "Thuế", "Công thương", "Quốc phòng" };
    private static final String[] VERBS = { "Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Thu hồi", "Xác nhận",
            "Công nhận", "Thẩm định", "Phê duyệt", "Giải quyết", "Chuyển đổi", "Thay đổi nội dung", "Đính chính" };
    private static final String[] OBJECTS = { "khai sinh", "khai tử", "kết hôn", "giám hộ", "nhận cha, mẹ, con", "thường trú",
            "giấy chứng nhận quyền sử dụng đất", "giấy phép xây dựng", "hộ kinh doanh", "giấy phép lao động", "trợ cấp xã hội hằng tháng",
            "hồ sơ hưởng chế độ", "bản sao từ bản chính", "chữ ký trong giấy tờ", "hợp đồng, giao dịch", "phương án sản xuất",
            "giấy phép khai thác", "kế hoạch bảo vệ môi trường", "giấy phép lái xe", "danh hiệu văn hóa", "trường hợp đặc biệt",
            "thông tin hộ tịch", "giấy xác nhận tình trạng hôn nhân", "chứng chỉ hành nghề", "cơ sở giáo dục" };
    private static final String[] QUALIFIERS = { "", "", "", " có yếu tố nước ngoài", " cấp xã", " cấp tỉnh", " lần đầu",
            " trong trường hợp bị mất", " cho người dân tộc thiểu số", " trực tuyến" };
    private static final String[] PROVINCE_CODES = { "001", "031", "034", "036", "038", "040", "042", "045", "048", "079", "092" };

    private BenchData() {
    }

    /** {@code count} procedures, ~2,000 by default: distinct codes, names built from real procedure vocabulary. */
    public static List<Procedure> procedures(long seed, int count) {
        Random r = new Random(seed);
        List<Procedure> out = new ArrayList<>(count);
        ProcessingTime days = new ProcessingTime(BigDecimal.valueOf(5), DurationUnit.WORKING_DAYS, "05 ngày làm việc");
        for (int i = 0; i < count; i++) {
            String code = (i % 2 == 0 ? "1." : "2.") + String.format("%06d", 1000 + i);
            String name = VERBS[r.nextInt(VERBS.length)] + " " + OBJECTS[r.nextInt(OBJECTS.length)] + QUALIFIERS[r.nextInt(QUALIFIERS.length)];
            String field = FIELDS[i % FIELDS.length];
            out.add(new Procedure(code, name, field, i % 3 == 0 ? Level.PROVINCE : Level.COMMUNE, Map.of(Channel.IN_PERSON, days),
                    LocalTime.of(15, 0), Map.of(Channel.IN_PERSON, Fee.free()),
                    List.of(new RequiredDocument("1", "Tờ khai theo mẫu", PaperKind.ORIGINAL, 1, false)), List.of("Nghị định 61/2018/NĐ-CP"),
                    "UBND cấp xã", OnlineLevel.PARTIAL, true, 1, LocalDate.of(2016, 1, 1)));
        }
        return out;
    }

    /** Makes dossiers in receipt order; one instance per cache (it numbers receipts per agency and day). */
    public static final class Dossiers {
        private final Random r;
        private final List<Procedure> procedures;
        private final int total;
        private final Map<String, Integer> receiptNumbers = new HashMap<>();
        private final long spanSeconds = Duration.ofDays(365L * YEARS).toSeconds();
        private int made;

        public Dossiers(long seed, List<Procedure> procedures, int total) {
            this.r = new Random(seed);
            this.procedures = procedures;
            this.total = total;
        }

        public boolean hasNext() {
            return made < total;
        }

        /** The next dossier, received a little later than the previous one. */
        public Dossier next() {
            // Receipts spread evenly over the ten years, with jitter inside each slot.
            long slot = spanSeconds / total;
            Instant received = NOW.minusSeconds(spanSeconds).plusSeconds(made * slot + (long) (r.nextDouble() * slot));
            made++;
            Procedure p = procedures.get(skewed(procedures.size()));
            int agency = 1 + r.nextInt(AGENCIES);
            String agencyCode = String.format("000.%02d.%02d.H29", agency / 10, agency % 10 + 10);
            String day = DateTimeFormatter.ofPattern("yyMMdd").format(received.atOffset(ZoneOffset.ofHours(7)));
            int n = receiptNumbers.merge(agencyCode + day, 1, Integer::sum);
            if (receiptNumbers.size() > 4 * AGENCIES) {
                receiptNumbers.keySet().removeIf(k -> !k.endsWith(day));
            }
            String code = agencyCode + "-" + day + "-" + String.format("%04d", n);
            boolean female = r.nextBoolean();
            String name = surname() + " " + pick(female ? FEMALE_MIDDLE : MALE_MIDDLE)
                    + (r.nextInt(4) == 0 ? " " + pick(female ? FEMALE_MIDDLE : MALE_MIDDLE) : "") + " " + pick(female ? FEMALE_GIVEN : MALE_GIVEN);
            int birthYear = 1950 + r.nextInt(56);
            String citizenId = PROVINCE_CODES[r.nextInt(PROVINCE_CODES.length)] + ((birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0))
                    + String.format("%02d", birthYear % 100) + String.format("%06d", r.nextInt(1_000_000));
            String phone = pick(new String[] { "09", "03", "08", "07" }) + r.nextInt(10) + String.format("%07d", r.nextInt(10_000_000));
            String address = "Số " + (1 + r.nextInt(200)) + ", thôn " + pick(PLACES) + ", xã " + pick(PLACES) + ", tỉnh Vĩnh Phúc";
            PersonApplicant applicant = new PersonApplicant(name, LocalDate.of(birthYear, 1 + r.nextInt(12), 1 + r.nextInt(28)), citizenId,
                    address, phone, "");
            Dossier d = Dossier.draft(p.code(), 1, "2025", Channel.IN_PERSON, applicant,
                    List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, true, false, false)), agencyCode);
            Instant due = received.plus(Duration.ofDays(3 + r.nextInt(13)));
            DossierEvent receive = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "motcua" + agency,
                    Role.CLERK, "PC-" + agency, received, "", "01", null, null, null);
            d = d.record(receive, Dossier.Changes.NONE.withCode(code).withReceivedAt(received).withDueAt(due));
            DossierStatus to = laterStatus(received);
            if (to != DossierStatus.RECEIVED) {
                String assignee = "cv" + String.format("%02d", 1 + r.nextInt(30));
                DossierEvent step = new DossierEvent(2, actionTo(to), DossierStatus.RECEIVED, to, assignee, Role.SPECIALIST, "PC-" + agency,
                        received.plus(Duration.ofHours(2 + r.nextInt(200))), to == DossierStatus.REFUSED ? "Hồ sơ không đủ điều kiện" : "",
                        null, assignee, null, null);
                d = d.record(step, Dossier.Changes.NONE.withAssignee(assignee));
            }
            return d;
        }

        /** Older than 45 days: finished, bar a few forgotten ones; recent: spread over the working states. */
        private DossierStatus laterStatus(Instant received) {
            int x = r.nextInt(1000);
            if (received.isBefore(NOW.minus(Duration.ofDays(45)))) {
                if (x < 3) {
                    return DossierStatus.IN_PROCESS;
                }
                return x < 930 ? DossierStatus.DELIVERED : x < 950 ? DossierStatus.REFUSED : x < 970 ? DossierStatus.WITHDRAWN
                        : x < 985 ? DossierStatus.RETURNED : DossierStatus.STOPPED;
            }
            return x < 150 ? DossierStatus.RECEIVED : x < 300 ? DossierStatus.ASSIGNED : x < 550 ? DossierStatus.IN_PROCESS
                    : x < 620 ? DossierStatus.AWAITING_SUPPLEMENT : x < 700 ? DossierStatus.PENDING_APPROVAL
                            : x < 780 ? DossierStatus.RESULT_READY : DossierStatus.DELIVERED;
        }

        private static DossierAction actionTo(DossierStatus s) {
            return switch (s) {
                case DELIVERED -> DossierAction.DELIVER_RESULT;
                case REFUSED -> DossierAction.REFUSE;
                case WITHDRAWN -> DossierAction.WITHDRAW;
                case RETURNED -> DossierAction.RETURN_DOSSIER;
                case STOPPED -> DossierAction.STOP;
                case ASSIGNED -> DossierAction.ASSIGN;
                case AWAITING_SUPPLEMENT -> DossierAction.REQUEST_SUPPLEMENT;
                case PENDING_APPROVAL -> DossierAction.SUBMIT_FOR_APPROVAL;
                case RESULT_READY -> DossierAction.MARK_RESULT_READY;
                default -> DossierAction.START_PROCESSING;
            };
        }

        private String surname() {
            int x = r.nextInt(1000);
            for (int i = 0; i < SURNAME_WEIGHTS.length; i++) {
                x -= SURNAME_WEIGHTS[i];
                if (x < 0) {
                    return SURNAMES[i];
                }
            }
            return SURNAMES[SURNAMES.length - 1];
        }

        /** Popular procedures are used far more than rare ones (birth registration vs. a fishing licence). */
        private int skewed(int n) {
            double u = r.nextDouble();
            return (int) Math.min(n - 1, Math.floor(n * u * u * u));
        }

        private String pick(String[] a) {
            return a[r.nextInt(a.length)];
        }
    }
}
