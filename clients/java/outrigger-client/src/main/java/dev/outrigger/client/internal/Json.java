package dev.outrigger.client.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * The one Jackson configuration of the client, following the proto3 JSON rules of the API:
 * DTOs are read and written through their fields, 64-bit integers ({@code long}) are
 * written as JSON strings, absent values are left out of requests, and response fields
 * this client does not know yet are ignored (the contract test keeps them in step).
 */
public final class Json {
    private Json() {
    }

    /** @return a new mapper with the client's configuration */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setVisibility(PropertyAccessor.ALL, Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        SimpleModule int64AsString = new SimpleModule("outrigger-int64");
        int64AsString.addSerializer(Long.class, ToStringSerializer.instance);
        int64AsString.addSerializer(Long.TYPE, ToStringSerializer.instance);
        int64AsString.addDeserializer(Long.class, new Int64Deserializer(false));
        int64AsString.addDeserializer(Long.TYPE, new Int64Deserializer(true));
        mapper.registerModule(int64AsString);
        return mapper;
    }
}
