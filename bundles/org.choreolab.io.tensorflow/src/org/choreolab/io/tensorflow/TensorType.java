package org.choreolab.io.tensorflow;

/** TensorFlow's element types ({@code DataType} in types.proto) as a checkpoint stores them. */
public enum TensorType {
    FLOAT32(1, "float32", 4), FLOAT64(2, "float64", 8), INT32(3, "int32", 4), UINT8(4, "uint8", 1), INT16(5, "int16", 2),
    INT8(6, "int8", 1), STRING(7, "string", -1), COMPLEX64(8, "complex64", 8), INT64(9, "int64", 8), BOOL(10, "bool", 1),
    QINT8(11, "qint8", 1), QUINT8(12, "quint8", 1), QINT32(13, "qint32", 4), BFLOAT16(14, "bfloat16", 2), QINT16(15, "qint16", 2),
    QUINT16(16, "quint16", 2), UINT16(17, "uint16", 2), COMPLEX128(18, "complex128", 16), FLOAT16(19, "float16", 2),
    RESOURCE(20, "resource", -1), VARIANT(21, "variant", -1), UINT32(22, "uint32", 4), UINT64(23, "uint64", 8);

    private final int code;
    private final String tfName;
    private final int bytes;

    TensorType(int code, String tfName, int bytes) {
        this.code = code;
        this.tfName = tfName;
        this.bytes = bytes;
    }

    /** The {@code DataType} enum value in the proto. */
    public int code() {
        return code;
    }

    /** The bytes per element, or -1 for types stored with lengths (string, variant, resource). */
    public int bytes() {
        return bytes;
    }

    /** The name numpy and TensorFlow's Python API use. */
    @Override
    public String toString() {
        return tfName;
    }

    /** The type of a {@code DataType} value, or null when it is none of these. */
    public static TensorType of(int code) {
        for (TensorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
