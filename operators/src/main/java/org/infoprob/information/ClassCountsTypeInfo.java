package org.infoprob.information;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink's type information for {@link ClassCounts}, so that a {@link ClassCounts} inside a POJO
 * (the window accumulator {@link ClassCountAccumulator}) is written by {@link
 * ClassCountsSerializer} rather than Kryo. Found through the {@code @TypeInfo} annotation of
 * {@link ClassCounts}.
 */
@Internal
public final class ClassCountsTypeInfo extends TypeInformation<ClassCounts> {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final ClassCountsTypeInfo INSTANCE = new ClassCountsTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<ClassCounts> getTypeClass() {
        return ClassCounts.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ClassCounts> createSerializer(SerializerConfig config) {
        return ClassCountsSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "ClassCounts";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ClassCountsTypeInfo;
    }

    @Override
    public int hashCode() {
        return ClassCountsTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ClassCountsTypeInfo;
    }

    /** The factory named by {@link ClassCounts}'s {@code @TypeInfo}. */
    public static final class Factory extends TypeInfoFactory<ClassCounts> {
        @Override
        public TypeInformation<ClassCounts> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
