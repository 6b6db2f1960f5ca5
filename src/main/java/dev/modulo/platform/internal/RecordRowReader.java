package dev.modulo.platform.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Set;

import io.r2dbc.spi.Row;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.data.convert.ReadingConverter;

/**
 * Reads a row into an entity record through its canonical constructor: each component from the
 * column of the same name in snake case (Spring Data's default naming), decoded by the driver as
 * the component's type. Spring Data's generic mapping copies every row into a document and looks
 * each property up anew; for pages that read a thousand rows (a month of events, a search of
 * contacts, a page of tasks) that was most of the page's time. As with Spring Data, a column the
 * query did not select reads as null, and a null for a primitive component is an error.
 */
@ReadingConverter
final class RecordRowReader implements GenericConverter {

    private final Class<? extends Record> type;
    private final String[] columns;
    private final Class<?>[] types;
    private final boolean[] primitive;
    private final MethodHandle constructor;

    RecordRowReader(Class<? extends Record> type) {
        RecordComponent[] components = type.getRecordComponents();
        this.type = type;
        this.columns = Arrays.stream(components).map(component -> columnName(component.getName())).toArray(String[]::new);
        this.types = Arrays.stream(components).map(component -> boxed(component.getType())).toArray(Class<?>[]::new);
        this.primitive = new boolean[components.length];
        for (int i = 0; i < components.length; i++) {
            primitive[i] = components[i].getType().isPrimitive();
        }
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            this.constructor = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                    .asSpreader(Object[].class, parameterTypes.length);
        } catch (ReflectiveOperationException inaccessible) {
            throw new IllegalStateException("Cannot read rows into " + type.getName(), inaccessible);
        }
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(Row.class, type));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        return source == null ? null : read((Row) source);
    }

    Object read(Row row) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = value(row, i);
            if (values[i] == null && primitive[i]) {
                throw new IllegalStateException("Column " + columns[i] + " is null, but " + type.getSimpleName()
                        + " needs a value");
            }
        }
        try {
            return constructor.invoke(values);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable checked) {
            throw new IllegalStateException("Cannot read a row into " + type.getName(), checked);
        }
    }

    /** A column the query did not select reads as null, as with Spring Data. */
    private Object value(Row row, int i) {
        try {
            return row.get(columns[i], types[i]);
        } catch (IllegalArgumentException | NoSuchElementException missing) {
            if (row.getMetadata().contains(columns[i])) {
                throw missing;
            }
            return null;
        }
    }

    /** {@code accountId} → {@code account_id}, as Spring Data's default naming strategy. */
    static String columnName(String property) {
        StringBuilder column = new StringBuilder(property.length() + 4);
        for (char c : property.toCharArray()) {
            if (Character.isUpperCase(c)) {
                column.append('_').append(Character.toLowerCase(c));
            } else {
                column.append(c);
            }
        }
        return column.toString();
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }
}
