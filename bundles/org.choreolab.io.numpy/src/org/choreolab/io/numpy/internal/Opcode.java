package org.choreolab.io.numpy.internal;

import java.util.HashMap;
import java.util.Map;

/** Pickle opcode names as Python's pickletools prints them, for error messages. */
final class Opcode {

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        String[][] t = {{"(", "MARK"}, {".", "STOP"}, {"0", "POP"}, {"1", "POP_MARK"}, {"2", "DUP"}, {"F", "FLOAT"}, {"I", "INT"},
                {"J", "BININT"}, {"K", "BININT1"}, {"L", "LONG"}, {"M", "BININT2"}, {"N", "NONE"}, {"P", "PERSID"},
                {"Q", "BINPERSID"}, {"R", "REDUCE"}, {"S", "STRING"}, {"T", "BINSTRING"}, {"U", "SHORT_BINSTRING"},
                {"V", "UNICODE"}, {"X", "BINUNICODE"}, {"a", "APPEND"}, {"b", "BUILD"}, {"c", "GLOBAL"}, {"d", "DICT"},
                {"}", "EMPTY_DICT"}, {"e", "APPENDS"}, {"g", "GET"}, {"h", "BINGET"}, {"i", "INST"}, {"j", "LONG_BINGET"},
                {"l", "LIST"}, {"]", "EMPTY_LIST"}, {"o", "OBJ"}, {"p", "PUT"}, {"q", "BINPUT"}, {"r", "LONG_BINPUT"},
                {"s", "SETITEM"}, {"t", "TUPLE"}, {")", "EMPTY_TUPLE"}, {"u", "SETITEMS"}, {"G", "BINFLOAT"},
                {"B", "BINBYTES"}, {"C", "SHORT_BINBYTES"}};
        for (String[] e : t) {
            NAMES.put((int) e[0].charAt(0), e[1]);
        }
        String[] high = {"PROTO", "NEWOBJ", "EXT1", "EXT2", "EXT4", "TUPLE1", "TUPLE2", "TUPLE3", "NEWTRUE", "NEWFALSE", "LONG1",
                "LONG4", "SHORT_BINUNICODE", "BINUNICODE8", "BINBYTES8", "EMPTY_SET", "ADDITEMS", "FROZENSET", "NEWOBJ_EX",
                "STACK_GLOBAL", "MEMOIZE", "FRAME", "BYTEARRAY8", "NEXT_BUFFER", "READONLY_BUFFER"};
        for (int i = 0; i < high.length; i++) {
            NAMES.put(0x80 + i, high[i]);
        }
    }

    private Opcode() {
    }

    static String name(int key) {
        String n = NAMES.get(key);
        return n != null ? n : String.format("unknown opcode 0x%02x", key);
    }
}
