package io.sluice.runtime.expr;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.InlineMap;
import org.springframework.expression.spel.ast.Projection;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.Selection;
import org.springframework.expression.spel.ast.VariableReference;

/**
 * The record fields an expression reads from its root: property names evaluated against the record itself
 * ({@code amount}, {@code #root.amount}, {@code customer} of {@code customer.name}), not those read from other
 * objects (after a dot, from {@code #acc}, inside a selection or projection where the context is the element) nor
 * inline map keys. Errs on the side of reading fewer: it backs a submit-time check that must not refuse valid jobs.
 */
final class RootFields {

    private RootFields() {}

    static Set<String> of(SpelNode ast) {
        Set<String> fields = new LinkedHashSet<>();
        collect(ast, true, fields);
        return fields;
    }

    /** @param atRoot whether {@code node} is evaluated with the record as its context */
    private static void collect(SpelNode node, boolean atRoot, Set<String> fields) {
        if (node instanceof PropertyOrFieldReference property) {
            if (atRoot) {
                fields.add(property.getName());
            }
            return;
        }
        if (node instanceof Selection || node instanceof Projection) {
            return;
        }
        if (node instanceof CompoundExpression && node.getChildCount() > 0) {
            SpelNode first = node.getChild(0);
            collect(first, atRoot, fields);
            boolean rootVariable = atRoot && first instanceof VariableReference
                    && (first.toStringAST().equals("#root") || first.toStringAST().equals("#this"));
            if (rootVariable && node.getChildCount() > 1 && node.getChild(1) instanceof PropertyOrFieldReference p) {
                fields.add(p.getName());
            }
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            boolean mapKey = node instanceof InlineMap && i % 2 == 0;
            if (!mapKey) {
                collect(node.getChild(i), atRoot, fields);
            }
        }
    }
}
