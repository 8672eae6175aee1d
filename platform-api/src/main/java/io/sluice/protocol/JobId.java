package io.sluice.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A job id: 32 lowercase hex characters, as in Flink. */
public record JobId(String hex) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @JsonCreator
    public JobId {
        if (hex == null || !FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("job id must be 32 lowercase hex characters: " + hex);
        }
    }

    public static JobId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new JobId(HexFormat.of().formatHex(bytes));
    }

    public static boolean isValid(String s) {
        return s != null && FORMAT.matcher(s).matches();
    }

    @JsonValue
    @Override
    public String hex() {
        return hex;
    }

    @Override
    public String toString() {
        return hex;
    }
}
