package io.sluice.runtime.source;

import io.sluice.graph.OperatorSpec.FileFormat;
import io.sluice.graph.OperatorSpec.FileSource;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.RecordFormats;
import io.sluice.runtime.io.SourceReader;
import io.sluice.graph.OperatorSpec.RecordFormat;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link FileSource} once: subtask s of p takes the non-blank lines s, s+p, s+2p, ... in batches of at most
 * {@value #BATCH_SIZE}, then ends. CSV lines become rows named by the spec's columns (integers as Long, other
 * numbers as Double, the rest as trimmed strings); JSON lines are decoded as for Kafka; string lines become
 * {@code {"value": line}}. Records have no timestamp. The position is the index of the next line.
 */
public final class FileReader implements SourceReader {

    static final int BATCH_SIZE = 512;
    private static final String NEXT = "next";

    private final FileSource spec;
    private BufferedReader reader;
    private int subtask;
    private int parallelism;
    /** Index of the next non-blank line of the file (over all subtasks). */
    private long next;

    public FileReader(FileSource spec) {
        this.spec = spec;
    }

    @Override
    public void open(OperatorContext context) throws IOException {
        subtask = context.subtaskIndex();
        parallelism = context.parallelism();
        reader = Files.newBufferedReader(Path.of(spec.path()), StandardCharsets.UTF_8);
    }

    @Override
    public Status pollNext(Output output) throws IOException {
        int emitted = 0;
        String line;
        while (emitted < BATCH_SIZE && (line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            long index = next++;
            if (index % parallelism == subtask) {
                output.collect(parse(line), StreamElement.NO_TIMESTAMP);
                emitted++;
            }
        }
        return emitted < BATCH_SIZE ? Status.END_OF_INPUT : Status.MORE_AVAILABLE;
    }

    @Override
    public Map<String, Long> position() {
        return Map.of(NEXT, next);
    }

    @Override
    public void seek(Map<String, Long> position) {
        long target = position.getOrDefault(NEXT, 0L);
        try {
            String line;
            while (next < target && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    next++;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    private Object parse(String line) {
        if (spec.format() == FileFormat.JSON) {
            return RecordFormats.decode(RecordFormat.JSON, line.getBytes(StandardCharsets.UTF_8));
        }
        if (spec.format() == FileFormat.STRING) {
            return RecordFormats.decode(RecordFormat.STRING, line.getBytes(StandardCharsets.UTF_8));
        }
        return csvRow(line, spec.columns());
    }

    static Map<String, Object> csvRow(String line, List<String> columns) {
        String[] cells = line.split(",", -1);
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            String name = i < columns.size() ? columns.get(i) : "f" + i;
            row.put(name, cell(cells[i].trim()));
        }
        return row;
    }

    private static Object cell(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }
}
