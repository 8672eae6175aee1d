package io.sluice.runtime.record;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one field of a record and makes copies with one field replaced, for rows ({@code Map}), Java records
 * (component accessor; copy through the canonical constructor) and POJOs (declared fields, also inherited; copy
 * through the no-arg constructor). Records are never mutated: operators emit copies. Numbers are converted to
 * the declared type of a typed field ({@link Numbers#toType}).
 */
public final class Fields {

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return type.isRecord() ? RecordShape.of(type) : PojoShape.of(type);
        }
    };

    private Fields() {}

    public static Object get(Object record, String field) {
        if (record instanceof Map<?, ?> row) {
            if (!row.containsKey(field)) {
                throw new BadRecordException("row has no field '" + field + "': " + row.keySet());
            }
            return row.get(field);
        }
        return shape(record).get(record, field);
    }

    /** A copy of {@code record} with {@code field} set to {@code value}; rows get the field added if missing. */
    public static Object with(Object record, String field, Object value) {
        if (record instanceof Map<?, ?> row) {
            Map<Object, Object> copy = new LinkedHashMap<>(row);
            copy.put(field, value);
            return copy;
        }
        return shape(record).with(record, field, value);
    }

    private static Shape shape(Object record) {
        if (record == null) {
            throw new IllegalArgumentException("record is null");
        }
        return SHAPES.get(record.getClass());
    }

    private static Object convert(Object value, Class<?> type, String field) {
        if (value instanceof Number number) {
            Object converted = Numbers.toType(number, type);
            if (converted != null) {
                return converted;
            }
        }
        if (value == null ? !type.isPrimitive() : wrap(type).isInstance(value)) {
            return value;
        }
        throw new IllegalArgumentException("field '" + field + "' of type " + type.getSimpleName()
                + " cannot hold " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static Class<?> wrap(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }

    private interface Shape {
        Object get(Object record, String field);

        Object with(Object record, String field, Object value);
    }

    private record RecordShape(Class<?> type, RecordComponent[] components, Constructor<?> canonical) implements Shape {

        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                parameterTypes[i] = components[i].getType();
                components[i].getAccessor().setAccessible(true);
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
                canonical.setAccessible(true);
                return new RecordShape(type, components, canonical);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record without canonical constructor: " + type.getName(), e);
            }
        }

        @Override
        public Object get(Object record, String field) {
            return read(record, components[index(field)]);
        }

        @Override
        public Object with(Object record, String field, Object value) {
            int target = index(field);
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                arguments[i] = i == target ? convert(value, components[i].getType(), field) : read(record, components[i]);
            }
            try {
                return canonical.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot copy " + type.getName(), e);
            }
        }

        private int index(String field) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(field)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(type.getSimpleName() + " has no component '" + field + "'");
        }

        private static Object read(Object record, RecordComponent component) {
            try {
                return component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }

    private record PojoShape(Class<?> type, List<Field> fields, Constructor<?> noArgs) implements Shape {

        static PojoShape of(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        fields.add(accessible(field, type));
                    }
                }
            }
            Constructor<?> noArgs = null;
            try {
                noArgs = type.getDeclaredConstructor();
                noArgs.setAccessible(true);
            } catch (NoSuchMethodException e) {
                // Readable still; copies need the no-arg constructor and say so in with().
            }
            return new PojoShape(type, List.copyOf(fields), noArgs);
        }

        private static Field accessible(Field field, Class<?> type) {
            try {
                field.setAccessible(true);
                return field;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("fields of " + type.getName() + " are not accessible", e);
            }
        }

        @Override
        public Object get(Object record, String name) {
            try {
                return field(name).get(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + name + " of " + type.getName(), e);
            }
        }

        @Override
        public Object with(Object record, String name, Object value) {
            if (noArgs == null) {
                throw new IllegalArgumentException(type.getName() + " needs a no-arg constructor to be copied");
            }
            Field target = field(name);
            try {
                Object copy = noArgs.newInstance();
                for (Field field : fields) {
                    field.set(copy, field == target ? convert(value, field.getType(), name) : field.get(record));
                }
                return copy;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot copy " + type.getName(), e);
            }
        }

        private Field field(String name) {
            for (Field field : fields) {
                if (field.getName().equals(name)) {
                    return field;
                }
            }
            throw new IllegalArgumentException(type.getSimpleName() + " has no field '" + name + "'");
        }
    }
}
