package vn.motcua.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.RequiredDocument;

/**
 * The demo commune and a few dozen commune-level procedures as published in provincial lists (names and
 * codes of the national catalogue; times and fees as commonly listed). Demo data: never synced anywhere.
 */
final class DemoCatalogue {
    static final Agency COMMUNE = new Agency("000.00.21.H43", "Ủy ban nhân dân xã Hợp Thịnh (dữ liệu mẫu)", Level.COMMUNE, "000.00.00.H43");
    static final Agency PROVINCE = new Agency("000.00.00.H43", "Ủy ban nhân dân tỉnh Phú Thọ", Level.PROVINCE, null);

    private DemoCatalogue() {
    }

    /** The same-day procedures' cut-off: received after 15:00, the result is due the next working day. */
    static final LocalTime SAME_DAY_CUT_OFF = LocalTime.of(15, 0);

    /** code, name, field, working days (0 = same day with 15:00 cut-off, -1 = no due date), fee VND (-1 = per case text). */
    private static final Object[][] PROCEDURES = {
        { "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", 0, 0L },
        { "1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch", 0, 0L },
        { "1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch", 0, 0L },
        { "1.000689", "Thủ tục đăng ký nhận cha, mẹ, con", "Hộ tịch", 3, 0L },
        { "1.001022", "Thủ tục đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch", 3, 15000L },
        { "1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", 3, 0L },
        { "2.000635", "Thủ tục cấp bản sao trích lục hộ tịch", "Hộ tịch", 0, 8000L },
        { "1.004746", "Thủ tục đăng ký lại khai sinh", "Hộ tịch", 5, 0L },
        { "1.001695", "Thủ tục đăng ký giám hộ", "Hộ tịch", 3, 0L },
        { "2.000815", "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận", "Chứng thực", 0, 2000L },
        { "2.000884", "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", 0, 10000L },
        { "2.001035", "Thủ tục chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", "Chứng thực", 2, 50000L },
        { "2.001019", "Thủ tục chứng thực di chúc", "Chứng thực", 2, 50000L },
        { "2.000913", "Thủ tục chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "Chứng thực", 2, 30000L },
        { "1.001699", "Thủ tục xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp có mức sống trung bình", "Bảo trợ xã hội", 10, 0L },
        { "1.001776", "Thủ tục thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", 12, 0L },
        { "2.000751", "Thủ tục đăng ký hoạt động đối với cơ sở trợ giúp xã hội dưới 10 đối tượng", "Bảo trợ xã hội", 5, 0L },
        { "1.010801", "Thủ tục giải quyết chế độ trợ cấp một lần đối với thân nhân người có công", "Người có công", 12, 0L },
        { "1.002519", "Thủ tục hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Người có công", 3, 0L },
        { "1.001612", "Thủ tục đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", 3, 100000L },
        { "2.000720", "Thủ tục đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", 3, 50000L },
        { "2.000575", "Thủ tục tạm ngừng hoạt động, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", 3, 0L },
        { "1.003554", "Thủ tục hòa giải tranh chấp đất đai", "Đất đai", 30, 0L },
        { "1.004227", "Thủ tục đăng ký đất đai, tài sản gắn liền với đất lần đầu", "Đất đai", 20, -1L },
        { "1.000798", "Thủ tục xác nhận hợp đồng tiếp cận nguồn gen", "Đất đai", -1, 0L },
        { "1.004443", "Thủ tục cho phép tổ chức hoạt động giáo dục trở lại", "Giáo dục và Đào tạo", 20, 0L },
        { "1.001639", "Thủ tục công nhận gia đình văn hóa", "Văn hóa", 5, 0L },
        { "2.001457", "Thủ tục xét tặng danh hiệu khu dân cư văn hóa hằng năm", "Văn hóa", 10, 0L },
        { "1.003622", "Thủ tục đăng ký tạm trú", "Đăng ký, quản lý cư trú", 3, 15000L },
        { "1.003581", "Thủ tục xóa đăng ký thường trú", "Đăng ký, quản lý cư trú", 5, 0L },
        { "1.005461", "Thủ tục xác nhận thông tin về cư trú", "Đăng ký, quản lý cư trú", 1, 0L },
        { "1.010944", "Thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Hộ tịch", 5, 0L },
    };

    static List<Procedure> procedures() {
        List<Procedure> out = new ArrayList<>();
        for (Object[] p : PROCEDURES) {
            String code = (String) p[0];
            String name = (String) p[1];
            int days = (Integer) p[3];
            long fee = (Long) p[4];
            // Same-day procedures are SAME_DAY with the 15:00 cut-off below (not "1 working day", which would
            // promise the next day's 10:00 for a 10:00 reception).
            ProcessingTime time = days < 0 ? ProcessingTime.noDueDate("Không quy định thời hạn")
                    : days == 0 ? ProcessingTime.sameDay(
                            "Ngay trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo")
                    : new ProcessingTime(BigDecimal.valueOf(days), DurationUnit.WORKING_DAYS, String.format("%02d ngày làm việc", days));
            Fee f = fee < 0 ? new Fee(null, "Theo quy định của HĐND tỉnh") : fee == 0 ? Fee.free()
                    : new Fee(fee, String.format("%,d đồng/trường hợp", fee).replace(',', '.'));
            Map<Channel, ProcessingTime> times = new EnumMap<>(Channel.class);
            Map<Channel, Fee> fees = new EnumMap<>(Channel.class);
            for (Channel c : Channel.values()) {
                times.put(c, time);
                fees.put(c, f);
            }
            List<RequiredDocument> docs = List.of(
                    new RequiredDocument("1", "Tờ khai theo mẫu", PaperKind.ORIGINAL, 1, false),
                    new RequiredDocument("2", "Giấy tờ chứng minh nhân thân (CCCD hoặc hộ chiếu)", PaperKind.COPY, 1, false),
                    new RequiredDocument("3", "Giấy tờ liên quan khác (nếu có)", PaperKind.COPY, 1, true));
            out.add(new Procedure(code, name, (String) p[2], Level.COMMUNE, times, days == 0 ? SAME_DAY_CUT_OFF : null, fees, docs,
                    List.of("Nghị định 118/2025/NĐ-CP"), "Ủy ban nhân dân cấp xã",
                    days == 0 ? OnlineLevel.FULL : OnlineLevel.PARTIAL, true, 1, LocalDate.of(2025, 7, 1)));
        }
        return out;
    }
}
