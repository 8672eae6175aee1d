package io.sluice.runtime.record;

/**
 * A record that cannot be processed because of what it holds: it cannot be decoded, or lacks a field an operator
 * reads. The job's error policy decides what happens to it (an expression failure is the other such error).
 */
public class BadRecordException extends IllegalArgumentException {

    public BadRecordException(String message) {
        super(message);
    }

    public BadRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
