package vn.motcua.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.ProcessingTime;

class CellParsersTest {
    @Test
    void processingTimesFromCatalogueProse() {
        ProcessingTime t = CellParsers.processingTime("05 ngày làm việc").orElseThrow();
        assertEquals(new BigDecimal("5"), t.amount());
        assertEquals(DurationUnit.WORKING_DAYS, t.unit());
        assertEquals("05 ngày làm việc", t.originalText());
        assertEquals(DurationUnit.WORKING_DAYS,
                CellParsers.processingTime("03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ").orElseThrow().unit());
        assertTrue(CellParsers.processingTime("Trong ngày").orElseThrow().isSameDay());
        assertTrue(CellParsers.processingTime("Ngay trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo")
                .orElseThrow().isSameDay());
        assertEquals(DurationUnit.WORKING_HOURS, CellParsers.processingTime("04 giờ làm việc").orElseThrow().unit());
        assertEquals(new BigDecimal("0.5"), CellParsers.processingTime("0,5 ngày làm việc").orElseThrow().amount());
        assertEquals(DurationUnit.MONTHS, CellParsers.processingTime("02 tháng").orElseThrow().unit());
        assertTrue(!CellParsers.processingTime("Không quy định cụ thể thời gian").orElseThrow().hasDueDate());
        assertTrue(CellParsers.processingTime("Theo thỏa thuận").isEmpty());
        assertTrue(CellParsers.processingTime("0 ngày").isEmpty());
        assertEquals("3 ngày làm việc", CellParsers.processingTime("3 ngày làm việc").orElseThrow().originalText());
    }

    @Test
    void feesFromCatalogueProse() {
        assertEquals(0L, CellParsers.fee("Miễn phí").amountVnd());
        assertEquals(0L, CellParsers.fee("Không").amountVnd());
        assertEquals(50_000L, CellParsers.fee("50.000 đồng/trường hợp").amountVnd());
        assertEquals("50.000 đồng/trường hợp", CellParsers.fee("50.000 đồng/trường hợp").originalText());
        assertEquals(8_000L, CellParsers.fee("8.000 đồng/bản").amountVnd());
        assertNull(CellParsers.fee("2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang").amountVnd());
        assertEquals(120_000L, CellParsers.fee(CellParsers.feeText(120_000)).amountVnd());
        assertEquals(0L, CellParsers.fee(CellParsers.feeText(0)).amountVnd());
        // The other ways a catalogue says free.
        assertEquals(0L, CellParsers.fee("Miễn lệ phí").amountVnd());
        assertEquals(0L, CellParsers.fee("Không thu phí").amountVnd());
        assertEquals(0L, CellParsers.fee("Miễn phí, lệ phí").amountVnd());
        assertEquals(8_000L, CellParsers.fee("Miễn lệ phí cho người có công; trường hợp khác 8.000 đồng").amountVnd(),
                "a partial exemption with one amount keeps the amount");
    }

    @Test
    void aCutOffWrittenInTheTimeTextIsTheProceduresCutOff() {
        String text = "Ngay trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo";
        assertEquals(java.time.LocalTime.of(15, 0), CellParsers.cutOff(text).orElseThrow());
        assertEquals(java.time.LocalTime.of(15, 30), CellParsers.cutOff("Trong ngày (sau 15h30 trả vào ngày làm việc tiếp theo)").orElseThrow());
        assertEquals(java.time.LocalTime.of(16, 0), CellParsers.cutOff("Nhận sau 16:00 thì trả ngày hôm sau").orElseThrow());
        assertTrue(CellParsers.cutOff("05 ngày làm việc").isEmpty());
        assertTrue(CellParsers.cutOff("Sau 3 ngày kể từ ngày nhận").isEmpty(), "days, not an hour");
        // "sau 15 giờ" is a cut-off, not a time of 15 hours.
        assertTrue(CellParsers.processingTime("Sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo").orElseThrow().isSameDay());
        ProcessingTime fourHours = CellParsers.processingTime("Nhận hồ sơ sau 15 giờ thì trả vào ngày làm việc tiếp theo; 04 giờ làm việc").orElseThrow();
        assertEquals(new BigDecimal("4"), fourHours.amount());
        assertEquals(DurationUnit.WORKING_HOURS, fourHours.unit());
    }

    @Test
    void notApplicableMeansTheChannelIsNotOffered() {
        assertTrue(CellParsers.notApplicable("Không áp dụng"));
        assertTrue(CellParsers.notApplicable("không áp dụng."));
        assertTrue(CellParsers.notApplicable("Không thực hiện"));
        assertTrue(!CellParsers.notApplicable("Không"), "a fee of \"Không\" is free, not unavailable");
        assertTrue(!CellParsers.notApplicable("05 ngày làm việc"));
    }

    @Test
    void channelsInOneCell() {
        Map<Channel, String> m = CellParsers.perChannel("Trực tiếp: 01 ngày làm việc; Trực tuyến: 04 giờ làm việc", Channel.IN_PERSON);
        assertEquals("01 ngày làm việc", m.get(Channel.IN_PERSON));
        assertEquals("04 giờ làm việc", m.get(Channel.ONLINE));
        assertEquals(Map.of(Channel.IN_PERSON, "5 ngày"), CellParsers.perChannel("5 ngày", Channel.IN_PERSON));
    }

    @Test
    void levelsAndOnlineLevels() {
        assertEquals(Level.COMMUNE, CellParsers.level("A. THỦ TỤC HÀNH CHÍNH CẤP XÃ").orElseThrow());
        assertEquals(Level.DISTRICT, CellParsers.level("Cấp huyện").orElseThrow());
        assertEquals(Level.PROVINCE, CellParsers.level("cap tinh").orElseThrow());
        assertEquals(OnlineLevel.FULL, CellParsers.onlineLevel("DVC trực tuyến toàn trình"));
        assertEquals(OnlineLevel.PARTIAL, CellParsers.onlineLevel("Một phần"));
        assertEquals(OnlineLevel.NONE, CellParsers.onlineLevel(""));
    }

    @Test
    void headersByMeaning() {
        assertEquals(ColumnKind.CODE, ColumnKind.recognise("Mã TTHC"));
        assertEquals(ColumnKind.CODE, ColumnKind.recognise("Ma thu tuc"));
        assertEquals(ColumnKind.CODE, ColumnKind.recognise("Mã số"));
        assertEquals(ColumnKind.NAME, ColumnKind.recognise("Tên thủ tục\nhành chính"));
        assertEquals(ColumnKind.NAME, ColumnKind.recognise("TÊN TTHC"));
        assertEquals(ColumnKind.FIELD, ColumnKind.recognise("Lĩnh vực"));
        assertEquals(ColumnKind.TIME, ColumnKind.recognise("Thời hạn giải quyết"));
        assertEquals(ColumnKind.TIME_ONLINE, ColumnKind.recognise("Thời hạn giải quyết Trực tuyến"));
        assertEquals(ColumnKind.FEE, ColumnKind.recognise("Phí, lệ phí"));
        assertEquals(ColumnKind.FEE_POSTAL, ColumnKind.recognise("Phí, lệ phí - Bưu chính"));
        assertEquals(ColumnKind.AGENCY, ColumnKind.recognise("Cơ quan thực hiện"));
        assertEquals(ColumnKind.LEGAL_BASIS, ColumnKind.recognise("Căn cứ pháp lý"));
        assertEquals(ColumnKind.ONLINE_LEVEL, ColumnKind.recognise("DVC trực tuyến"));
        assertEquals(ColumnKind.LEVEL, ColumnKind.recognise("Cấp thực hiện"));
        assertEquals(ColumnKind.SEQUENCE, ColumnKind.recognise("STT"));
        assertNull(ColumnKind.recognise("ỦY BAN NHÂN DÂN TỈNH BẮC NINH"));
    }
}
