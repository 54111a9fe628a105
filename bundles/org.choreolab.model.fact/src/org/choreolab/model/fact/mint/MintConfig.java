package org.choreolab.model.fact.mint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model part of a mint pipeline configuration ({@code configs/*.config}: protobuf text format of
 * mint's {@code TrainEvalPipelineConfig}, {@code MultiModalModel} or {@code FACTModel}), read for
 * what the checkpoint's shapes cannot tell: the attention heads. Unset transformer fields take
 * mint's proto defaults (model.proto: hidden 768, 12 layers, 12 heads, intermediate 3072).
 */
final class MintConfig {

    /** One transformer's settings; {@code where} names it in messages. */
    record Transformer(String where, int hidden, int layers, int heads, int intermediate) {
    }

    final Path file;
    final Map<String, Transformer> transformers = new LinkedHashMap<>(); // motion, audio, cross
    final Map<String, Integer> values = new LinkedHashMap<>(); // motionLength, audioLength, motionDim, outDim

    private MintConfig(Path file) {
        this.file = file;
    }

    /** A parsed text-format message: field name → values (strings, numbers as text, or messages). */
    private static final class Message {
        final Map<String, List<Object>> fields = new LinkedHashMap<>();

        Message message(String name) {
            for (Object o : fields.getOrDefault(name, List.of())) {
                if (o instanceof Message m) {
                    return m;
                }
            }
            return null;
        }

        List<Message> messages(String name) {
            List<Message> out = new ArrayList<>();
            for (Object o : fields.getOrDefault(name, List.of())) {
                if (o instanceof Message m) {
                    out.add(m);
                }
            }
            return out;
        }

        String scalar(String name) {
            for (Object o : fields.getOrDefault(name, List.of())) {
                if (o instanceof String s) {
                    return s;
                }
            }
            return null;
        }
    }

    static MintConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such mint configuration file");
        }
        if (Files.size(file) > 1 << 20) {
            throw new IOException(file + ": " + Files.size(file) + " bytes, too large for a mint configuration");
        }
        MintConfig c = new MintConfig(file);
        Message root = new Parser(file, Files.readString(file, StandardCharsets.UTF_8)).document();
        Message fact = root;
        if (root.message("multi_modal_model") != null) {
            fact = root.message("multi_modal_model");
        }
        if (fact.message("fact_model") != null) {
            fact = fact.message("fact_model");
        }
        List<Message> modalities = fact.messages("modality");
        if (modalities.isEmpty()) {
            throw new IOException(file + ": field multi_modal_model.fact_model.modality missing; expected mint's FACT configuration");
        }
        for (Message m : modalities) {
            String name = m.scalar("feature_name");
            if (!"motion".equals(name) && !"audio".equals(name)) {
                throw new IOException(file + ": modality.feature_name '" + name + "'; FACT has the modalities motion and audio");
            }
            Message t = null;
            for (Message model : m.messages("model")) {
                if (model.message("transformer") != null) {
                    t = model.message("transformer");
                }
            }
            if (t == null) {
                throw new IOException(file + ": modality " + name + " has no model.transformer");
            }
            c.transformers.put(name, transformer(file, "modality " + name + " transformer", t));
            Integer length = integer(file, m, "sequence_length");
            if (length != null) {
                c.values.put(name + "Length", length);
            }
            Integer dim = integer(file, m, "feature_dim");
            if (dim != null && dim != 0) {
                c.values.put(name + "Dim", dim);
            }
        }
        Message cross = fact.message("cross_modal_model");
        if (cross == null || cross.message("transformer") == null) {
            throw new IOException(file + ": field cross_modal_model.transformer missing; expected mint's FACT configuration");
        }
        c.transformers.put("cross", transformer(file, "cross_modal_model transformer", cross.message("transformer")));
        Message output = cross.message("output_layer");
        Integer out = output == null ? null : integer(file, output, "out_dim");
        if (out != null) {
            c.values.put("outDim", out);
        }
        return c;
    }

    private static Transformer transformer(Path file, String where, Message t) throws IOException {
        return new Transformer(where, or(integer(file, t, "hidden_size"), 768), or(integer(file, t, "num_hidden_layers"), 12),
                or(integer(file, t, "num_attention_heads"), 12), or(integer(file, t, "intermediate_size"), 3072));
    }

    private static int or(Integer v, int fallback) {
        return v == null ? fallback : v;
    }

    private static Integer integer(Path file, Message m, String name) throws IOException {
        String s = m.scalar(name);
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": field " + name + ": expected a whole number, got '" + s + "'");
        }
    }

    /** Protobuf's text format, as far as configuration files use it. */
    private static final class Parser {
        private final Path file;
        private final String s;
        private int pos;
        private int line = 1;

        Parser(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Message document() throws IOException {
            Message m = fields('\0');
            skipSpace();
            if (pos < s.length()) {
                throw error("unexpected '" + s.charAt(pos) + "'");
            }
            return m;
        }

        private Message fields(char close) throws IOException {
            Message m = new Message();
            while (true) {
                skipSpace();
                if (pos >= s.length()) {
                    if (close != '\0') {
                        throw error("file ends inside a message (missing '" + close + "')");
                    }
                    return m;
                }
                char ch = s.charAt(pos);
                if (ch == close) {
                    pos++;
                    return m;
                }
                String name = identifier();
                skipSpace();
                boolean colon = pos < s.length() && s.charAt(pos) == ':';
                if (colon) {
                    pos++;
                    skipSpace();
                }
                if (pos < s.length() && (s.charAt(pos) == '{' || s.charAt(pos) == '<')) {
                    char end = s.charAt(pos) == '{' ? '}' : '>';
                    pos++;
                    m.fields.computeIfAbsent(name, k -> new ArrayList<>()).add(fields(end));
                } else if (colon) {
                    m.fields.computeIfAbsent(name, k -> new ArrayList<>()).add(scalar());
                } else {
                    throw error("field " + name + ": expected ':' or '{'");
                }
                skipSpace();
                if (pos < s.length() && (s.charAt(pos) == ',' || s.charAt(pos) == ';')) {
                    pos++;
                }
            }
        }

        private String identifier() throws IOException {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.'
                    || s.charAt(pos) == '[' || s.charAt(pos) == ']' || s.charAt(pos) == '/')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a field name, found '" + s.charAt(pos) + "'");
            }
            return s.substring(start, pos);
        }

        private String scalar() throws IOException {
            if (pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\'')) {
                StringBuilder out = new StringBuilder();
                while (pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\'')) {
                    char q = s.charAt(pos++);
                    while (pos < s.length() && s.charAt(pos) != q) {
                        char ch = s.charAt(pos++);
                        if (ch == '\n') {
                            throw error("string not closed before the end of the line");
                        }
                        if (ch == '\\' && pos < s.length()) {
                            ch = s.charAt(pos++);
                        }
                        out.append(ch);
                    }
                    if (pos >= s.length()) {
                        throw error("string not closed");
                    }
                    pos++;
                    skipSpace();
                }
                return out.toString();
            }
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "{}<>,;#".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a value");
            }
            return s.substring(start, pos);
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (Character.isWhitespace(ch)) {
                    if (ch == '\n') {
                        line++;
                    }
                    pos++;
                } else {
                    return;
                }
            }
        }

        private IOException error(String message) {
            return new IOException(file + ":" + line + ": " + message);
        }
    }
}
