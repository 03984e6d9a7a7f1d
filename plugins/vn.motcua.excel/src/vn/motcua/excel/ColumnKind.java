package vn.motcua.excel;

import java.util.Locale;

import vn.motcua.core.model.Channel;

/** What a catalogue column means, recognised from its header text. */
public enum ColumnKind {
    SEQUENCE, CODE, NAME, FIELD, LEVEL,
    TIME(null), TIME_IN_PERSON(Channel.IN_PERSON), TIME_ONLINE(Channel.ONLINE), TIME_POSTAL(Channel.POSTAL),
    FEE(null), FEE_IN_PERSON(Channel.IN_PERSON), FEE_ONLINE(Channel.ONLINE), FEE_POSTAL(Channel.POSTAL),
    AGENCY, LEGAL_BASIS, DOCUMENTS, ONLINE_LEVEL, PLACE, NOTE,
    /** A column the import does not use. */
    IGNORED;

    private final Channel channel;

    ColumnKind() {
        this(null);
    }

    ColumnKind(Channel channel) {
        this.channel = channel;
    }

    /** The channel of a per-channel time or fee column; null otherwise (a plain column means in person). */
    public Channel channel() {
        return channel;
    }

    public boolean isTime() {
        return name().startsWith("TIME");
    }

    public boolean isFee() {
        return name().startsWith("FEE");
    }

    public String displayName(Locale locale) {
        return ExcelText.format(locale, "column." + name());
    }

    /**
     * Recognises a header text by meaning: folded (no case, no diacritics, line breaks as spaces) and matched
     * against the wordings seen in real lists. Null when unknown.
     */
    public static ColumnKind recognise(String header) {
        String f = " " + Folding.words(header) + " ";
        if (f.isBlank()) {
            return null;
        }
        if (f.equals(" stt ") || f.equals(" tt ") || f.contains(" so tt ") || f.contains(" so thu tu ")) {
            return SEQUENCE;
        }
        if (f.contains(" thoi han ") || f.contains(" thoi gian giai quyet ") || f.contains(" thoi gian thuc hien ")) {
            return channelled(f, TIME, TIME_IN_PERSON, TIME_ONLINE, TIME_POSTAL);
        }
        if (f.contains(" phi ") || f.contains(" le phi ")) {
            return channelled(f, FEE, FEE_IN_PERSON, FEE_ONLINE, FEE_POSTAL);
        }
        if (f.startsWith(" ma ") && (f.contains(" tthc ") || f.contains(" thu tuc ") || f.equals(" ma so ") || f.equals(" ma ")
                || f.contains(" ho so tthc "))) {
            return CODE;
        }
        if (f.equals(" code ") || f.contains(" procedure code ")) {
            return CODE;
        }
        if (f.contains(" ten thu tuc ") || f.contains(" ten tthc ") || f.equals(" ten ") || f.contains(" thu tuc hanh chinh ")
                && !f.contains(" ma ")) {
            return NAME;
        }
        if (f.contains(" linh vuc ")) {
            return FIELD;
        }
        if (f.contains(" cap thuc hien ") || f.equals(" cap ") || f.contains(" cap giai quyet ")) {
            return LEVEL;
        }
        if (f.contains(" co quan ")) {
            return AGENCY;
        }
        if (f.contains(" can cu ")) {
            return LEGAL_BASIS;
        }
        if (f.contains(" thanh phan ho so ") || f.contains(" ho so gom ")) {
            return DOCUMENTS;
        }
        if (f.contains(" muc do ") || f.contains(" dvc ") || f.contains(" dich vu cong ")) {
            return ONLINE_LEVEL;
        }
        if (f.contains(" dia diem ")) {
            return PLACE;
        }
        if (f.contains(" ghi chu ") || f.contains(" tinh trang ")) {
            return NOTE;
        }
        return null;
    }

    private static ColumnKind channelled(String f, ColumnKind any, ColumnKind inPerson, ColumnKind online, ColumnKind postal) {
        if (f.contains(" truc tuyen ") || f.contains(" qua mang ")) {
            return online;
        }
        if (f.contains(" buu chinh ")) {
            return postal;
        }
        if (f.contains(" truc tiep ")) {
            return inPerson;
        }
        return any;
    }
}
