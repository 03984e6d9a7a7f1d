package vn.motcua.sync.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.motcua.core.model.Applicant;
import vn.motcua.core.model.OrganisationApplicant;
import vn.motcua.core.model.PersonApplicant;

/**
 * The JSON mapping of the protocol, the same on both sides: the core model's records as they are, times as
 * ISO-8601 text, the applicant's kind as a type name. Unknown fields are ignored so a server can add optional
 * fields within one protocol version. Thread-safe; make one per component.
 */
public final class SyncJson {
    private final ObjectMapper mapper;

    public SyncJson() {
        this(StreamReadConstraints.defaults(), false);
    }

    /**
     * A mapping that refuses input beyond {@code constraints} while reading (nesting depth, string, number and
     * document length): the server reads every request through one.
     */
    public SyncJson(StreamReadConstraints constraints) {
        this(constraints, false);
    }

    /**
     * @param canonical the form signatures cover ({@link Attribution}): properties in name order, nothing for null
     *                  or empty values (so a field a later version adds, absent or empty, changes no signature), no
     *                  spaces
     */
    private SyncJson(StreamReadConstraints constraints, boolean canonical) {
        JsonMapper.Builder b = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Derived values (isExtended(), …) are not part of a record's data.
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .addMixIn(Applicant.class, ApplicantKind.class);
        if (canonical) {
            b.enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY);
        }
        mapper = b.build();
    }

    /** The canonical JSON writer of {@link Attribution}. */
    static SyncJson canonical() {
        return new SyncJson(StreamReadConstraints.defaults(), true);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({ @JsonSubTypes.Type(value = PersonApplicant.class, name = "person"),
            @JsonSubTypes.Type(value = OrganisationApplicant.class, name = "organisation") })
    private interface ApplicantKind {
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(OutputStream out, Object value) throws IOException {
        mapper.writeValue(out, value);
    }

    public <T> T read(byte[] json, Class<T> type) throws IOException {
        return mapper.readValue(json, type);
    }

    public <T> T read(String json, Class<T> type) throws IOException {
        return mapper.readValue(json, type);
    }

    public <T> T read(InputStream in, Class<T> type) throws IOException {
        return mapper.readValue(in, type);
    }

    /** A streaming parser over {@code in} with this mapping's limits, for reading a long array one element at a time. */
    public JsonParser parser(InputStream in) throws IOException {
        return mapper.createParser(in);
    }

    /** The value at the parser's current token. */
    public <T> T readAt(JsonParser parser, Class<T> type) throws IOException {
        return mapper.readValue(parser, type);
    }
}
