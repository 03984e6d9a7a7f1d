package vn.motcua.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;

import vn.motcua.core.model.DocumentContent;

class DocumentNamesTest {
    @Test
    void keepsAnOrdinaryVietnameseName() {
        assertEquals("Giấy khai sinh (bản sao).pdf", DocumentNames.sanitise("Giấy khai sinh (bản sao).pdf", "x"));
        assertEquals("Hộ tịch.pdf", DocumentNames.sanitise(Normalizer.normalize("Hộ tịch.pdf", Normalizer.Form.NFD), "x"), "NFC");
    }

    @Test
    void dropsFoldersOfEitherKind() {
        assertEquals("passwd", DocumentNames.sanitise("../../etc/passwd", "x"));
        assertEquals("evil.bat", DocumentNames.sanitise("..\\..\\Windows\\evil.bat", "x"));
        assertEquals("x", DocumentNames.sanitise("../", "x"));
        assertEquals("hosts", DocumentNames.sanitise("...hosts", "x"), "no leading dots");
    }

    @Test
    void dropsControlAndFormatCharactersSoNothingHidesTheRealExtension() {
        assertEquals("hoa-donfdp.exe", DocumentNames.sanitise("hoa-don\u202Efdp.exe", "x"), "right-to-left override");
        assertEquals("ab.pdf", DocumentNames.sanitise("a\u200Bb\u0000.pdf", "x"), "zero-width space and NUL");
        assertEquals("dòng một dòng hai.pdf", DocumentNames.sanitise("dòng một\ndòng\thai.pdf", "x"));
        assertEquals("a_b_c_.pdf", DocumentNames.sanitise("a:b*c?.pdf", "x"), "Windows-forbidden characters");
        assertEquals("ket-qua.pdf", DocumentNames.sanitise("ket-qua.pdf. . ", "x"), "no trailing dots or spaces");
        assertEquals("_CON.txt", DocumentNames.sanitise("CON.txt", "x"), "a device name");
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String s = DocumentNames.sanitise("Đ".repeat(300) + ".pdf", "x");
        assertEquals(DocumentNames.MAX_LENGTH, s.codePointCount(0, s.length()));
        assertTrue(s.endsWith("Đ.pdf"), s);
        assertEquals("x", DocumentNames.sanitise(null, "x"));
        assertEquals("x", DocumentNames.sanitise("\u202E\u200B", "x"));
    }

    @Test
    void contentIsRecognisedByItsBytesOnly() {
        assertEquals(DocumentContent.PDF, DocumentContent.recognisedType("%PDF-1.7\n".getBytes()));
        assertEquals(DocumentContent.JPEG, DocumentContent.recognisedType(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 }));
        assertEquals(DocumentContent.PNG, DocumentContent.recognisedType(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 }));
        assertEquals(null, DocumentContent.recognisedType("MZ\u0090\0".getBytes()), "a Windows program");
        assertEquals(null, DocumentContent.recognisedType("#!/bin/sh\n".getBytes()));
        assertEquals(null, DocumentContent.recognisedType(new byte[] { (byte) 0x89, 'P', 'N', 'G' }), "half a PNG signature");
        assertEquals(".jpg", DocumentContent.extension(DocumentContent.JPEG));
    }
}
