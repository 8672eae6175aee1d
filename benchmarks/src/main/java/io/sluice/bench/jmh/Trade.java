package io.sluice.bench.jmh;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark record: four fields (string, long, double, string), as a Java record or as the row a JSON job
 * carries for the same data.
 */
public record Trade(String symbol, long quantity, double price, String venue) {

    private static final String[] SYMBOLS = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne"};
    private static final String[] VENUES = {"xnys", "xnas", "xlon", "xpar"};

    /** A deterministic trade; {@code i} varies every field. Quantity and price are always positive. */
    public static Trade sample(int i) {
        return new Trade(SYMBOLS[i % SYMBOLS.length], 1 + i % 500, 10.0 + (i % 1000) * 0.25, VENUES[i % VENUES.length]);
    }

    /** The same data as a row ({@code LinkedHashMap}, field order kept). */
    public Map<String, Object> toRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("symbol", symbol);
        row.put("quantity", quantity);
        row.put("price", price);
        row.put("venue", venue);
        return row;
    }
}
