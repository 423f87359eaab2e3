package dev.outrigger.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads proto3 64-bit integers, which the API writes as JSON strings. uint64 values
 * (member and cluster ids) above {@link Long#MAX_VALUE} keep their 64 bits: read them with
 * {@link Long#toUnsignedString(long)}.
 */
final class Int64Deserializer extends StdScalarDeserializer<Long> {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;
    private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final boolean primitive;

    Int64Deserializer(boolean primitive) {
        super(primitive ? Long.TYPE : Long.class);
        this.primitive = primitive;
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return fromBig(p.getBigIntegerValue(), p, ctxt);
        }
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText().trim();
            if (text.isEmpty()) {
                return primitive ? 0L : null;
            }
            try {
                return fromBig(new BigInteger(text), p, ctxt);
            } catch (NumberFormatException e) {
                return (Long) ctxt.handleWeirdStringValue(Long.class, text, "not a 64-bit integer");
            }
        }
        if (t == JsonToken.VALUE_NULL) {
            return primitive ? 0L : null;
        }
        return (Long) ctxt.handleUnexpectedToken(Long.class, p);
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) {
        return primitive ? 0L : null;
    }

    private static Long fromBig(BigInteger v, JsonParser p, DeserializationContext ctxt) throws IOException {
        if (v.bitLength() <= 63) {
            return v.longValue();
        }
        if (v.signum() > 0 && v.compareTo(UNSIGNED_MAX) <= 0) {
            return v.longValue();
        }
        return (Long) ctxt.handleWeirdNumberValue(Long.class, v, "outside 64 bits");
    }
}
