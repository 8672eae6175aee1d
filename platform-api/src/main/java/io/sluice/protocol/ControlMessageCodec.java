package io.sluice.protocol;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** JSON encoding of control messages, shared by engine and workers. Thread-safe. */
public final class ControlMessageCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ControlMessageCodec() {}

    public static byte[] encode(ControlMessage message) {
        return MAPPER.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
    }

    public static ControlMessage decode(byte[] bytes) {
        return MAPPER.readValue(bytes, ControlMessage.class);
    }
}
